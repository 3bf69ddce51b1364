using System.ComponentModel.DataAnnotations;

namespace Softswitch.Admin.Http;

/// <summary>The admin API's limits (section <c>Admin</c>); the database has its own subsection, <c>Admin:Database</c>.</summary>
public sealed class AdminOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Admin";

    /// <summary>Largest request body accepted; larger ones get 413. Defaults to 1 MiB.</summary>
    [Range(1024, 64L * 1024 * 1024, ErrorMessage = "Admin:MaxRequestBodyBytes must be between 1024 and 67108864.")]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per second each API key (or each address, without a key) may make on average. Defaults to 50.</summary>
    [Range(1, 100_000, ErrorMessage = "Admin:RateLimitPerSecond must be between 1 and 100000.")]
    public int RateLimitPerSecond { get; set; } = 50;

    /// <summary>Requests each key may make at once above the average before it gets 429. Defaults to 100.</summary>
    [Range(1, 100_000, ErrorMessage = "Admin:RateLimitBurst must be between 1 and 100000.")]
    public int RateLimitBurst { get; set; } = 100;

    /// <summary>Where the API is reached, for the first-start banner's example; the host sets it from the HTTP address and port.</summary>
    public string BaseAddress { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Origins allowed to call the API from a browser; empty (the default) keeps CORS off.</summary>
    public IList<string> CorsOrigins { get; } = [];
}
