using System.Globalization;
using System.Reflection;

namespace Softswitch.Admin.Persistence;

/// <summary>The migrations embedded in this assembly (<c>Persistence/Migrations/NNNN_name.sql</c>), in order.</summary>
internal static class MigrationCatalog
{
    private const string ResourcePrefix = "Softswitch.Admin.Persistence.Migrations.";

    /// <summary>Every embedded migration, ordered by version, with placeholders filled in for <paramref name="dialect"/>.</summary>
    /// <param name="dialect">The database's dialect.</param>
    /// <returns>The migrations.</returns>
    public static IReadOnlyList<Migration> Load(ISqlDialect dialect)
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[ResourcePrefix.Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !long.TryParse(fileName.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            }

            migrations.Add(new Migration(version, fileName[(separator + 1)..], Fill(Read(assembly, resource), dialect)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations have version {migrations[i].Version}.");
            }
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration resource '{resource}' cannot be read.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Fill(string sql, ISqlDialect dialect) => sql
        .Replace("{{AutoIncrementPrimaryKey}}", dialect.AutoIncrementPrimaryKey, StringComparison.Ordinal)
        .Replace("{{Boolean}}", dialect.BooleanType, StringComparison.Ordinal)
        .Replace("{{Double}}", dialect.DoubleType, StringComparison.Ordinal);
}
