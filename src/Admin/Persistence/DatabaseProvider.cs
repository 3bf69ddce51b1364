namespace Softswitch.Admin.Persistence;

/// <summary>Which database the admin data lives in.</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file in the data directory (one node).</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL server (production, several nodes).</summary>
    PostgreSql = 1,
}
