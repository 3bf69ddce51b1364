namespace Softswitch.Admin.Persistence;

/// <summary>Small SQL text helpers shared by the dialects and repositories.</summary>
internal static class SqlText
{
    /// <summary><c>ON CONFLICT (keys) DO UPDATE SET c = excluded.c, …</c>, understood by SQLite 3.24+ and PostgreSQL 9.5+.</summary>
    /// <param name="keyColumns">Columns of the unique key.</param>
    /// <param name="updateColumns">Columns to overwrite.</param>
    /// <returns>The clause.</returns>
    public static string OnConflictDoUpdate(IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns) =>
        $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO UPDATE SET {string.Join(", ", updateColumns.Select(c => $"{c} = excluded.{c}"))}";

    /// <summary>Escapes <c>%</c>, <c>_</c> and <c>\</c> for a LIKE pattern used with <c>ESCAPE '\'</c>.</summary>
    /// <param name="value">The literal text.</param>
    /// <returns>The escaped text.</returns>
    public static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
