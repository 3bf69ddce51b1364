namespace Softswitch.Admin.Tests.Http;

/// <summary>The admin API suite on the embedded SQLite database (in the host's data folder).</summary>
public sealed class SqliteAdminApiTests : AdminApiSuite
{
    protected override Task<IEnumerable<KeyValuePair<string, string?>>> DatabaseAsync() =>
        Task.FromResult<IEnumerable<KeyValuePair<string, string?>>>([new("Admin:Database:Provider", "sqlite")]);
}
