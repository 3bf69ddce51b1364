using Dapper;
using Softswitch.Admin.Model;

namespace Softswitch.Admin.Persistence;

/// <summary>
/// Dialplan routes, stored as JSON with their priority and enabled flag in columns, listed in the order they are tried
/// (ascending priority, then id); optimistic concurrency on the row version.
/// </summary>
internal sealed class RouteRepository(IDbConnectionFactory connections, TimeProvider timeProvider)
    : JsonDocumentRepository<Route>(connections, timeProvider, "routes", ["priority", "enabled"], "priority, id")
{
    /// <inheritdoc/>
    protected override string IdOf(Route item) => item.Id;

    /// <inheritdoc/>
    protected override string NameOf(Route item) => item.Name;

    /// <inheritdoc/>
    protected override long RowVersionOf(Route item) => item.RowVersion;

    /// <inheritdoc/>
    protected override Route WithIdentity(Route item, string id, long rowVersion) => item with { Id = id, RowVersion = rowVersion };

    /// <inheritdoc/>
    protected override void AddColumns(DynamicParameters parameters, Route item)
    {
        parameters.Add("Priority", (long)item.Priority);
        parameters.Add("Enabled", item.Enabled);
    }
}
