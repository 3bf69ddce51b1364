namespace Softswitch.Admin.Persistence;

/// <summary>One schema change, applied once, in <see cref="Version"/> order.</summary>
/// <param name="Version">Its number, from the file name (<c>0001_initial.sql</c> is 1).</param>
/// <param name="Name">Its name, from the file name.</param>
/// <param name="Sql">The SQL, with <c>{{…}}</c> placeholders filled in by the dialect.</param>
internal sealed record Migration(long Version, string Name, string Sql);
