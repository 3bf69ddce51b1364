namespace Softswitch.Admin.Persistence;

/// <summary>Database settings, bound from the <c>Admin:Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Admin:Database";

    /// <summary><c>sqlite</c> or <c>postgresql</c> (case-insensitive). Defaults to <c>sqlite</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// ADO.NET connection string. Required for PostgreSQL, where it carries a password and so comes from the environment
    /// variable <c>SOFTSWITCH_Admin__Database__ConnectionString</c>, never from a file. Optional for SQLite, where it
    /// defaults to the file <c>softswitch.db</c> in the data directory.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a SQLite connection waits for a lock held by another one. Defaults to 5 s.</summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Capacity of the call record writer's queue; past it records are dropped and counted. Defaults to 10,000.</summary>
    public int WriteQueueCapacity { get; set; } = 10_000;

    /// <summary>Longest pause between two attempts of a call record write while the database is unreachable. Defaults to 5 s.</summary>
    public TimeSpan WriteRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the call record writer keeps writing queued records once the host stops. Defaults to 5 s.</summary>
    public TimeSpan WriteShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The parsed <see cref="Provider"/>, or null when it names no known provider.</summary>
    /// <returns>The provider, or null.</returns>
    public DatabaseProvider? ParseProvider() => Provider?.Trim().ToUpperInvariant() switch
    {
        "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRESQL" or "POSTGRES" or "NPGSQL" => DatabaseProvider.PostgreSql,
        _ => null,
    };
}
