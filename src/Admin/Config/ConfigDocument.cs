using Softswitch.Admin.Model;
using Softswitch.Admin.Validation;
using Route = Softswitch.Admin.Model.Route;

namespace Softswitch.Admin.Config;

/// <summary>
/// A parsed configuration document. A section that the document leaves out is null: import leaves that kind alone, even
/// with prune; an empty section (<c>routes: []</c>) means "none".
/// </summary>
internal sealed class ConfigDocument
{
    /// <summary>The agents section, or null when absent.</summary>
    public List<ConfigEntry<ConfigAgent>>? Agents { get; set; }

    /// <summary>The routes section, or null when absent.</summary>
    public List<ConfigEntry<Route>>? Routes { get; set; }

    /// <summary>The trunks section, or null when absent.</summary>
    public List<ConfigEntry<TrunkRequest>>? Trunks { get; set; }

    /// <summary>The queues section, or null when absent.</summary>
    public List<ConfigEntry<Queue>>? Queues { get; set; }
}
