using System.Text.Json.Nodes;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Validation;

namespace Softswitch.Admin.Config;

/// <summary>
/// <c>softswitch config export</c>: the whole configuration (agents with every version, routes, trunks, queues) as one YAML
/// document in the API's JSON names, in a fixed order (agents, trunks and queues by id, routes by priority then id), without
/// timestamps or row versions, so that the same database always gives the same text. Trunk passwords never leave: a trunk
/// that has one gets the placeholder <c>${TRUNK_&lt;ID&gt;_PASSWORD}</c>, which import reads from the environment.
/// </summary>
public sealed class ConfigExporter
{
    /// <summary>The document format version.</summary>
    public const int FormatVersion = 1;

    private readonly MigrationRunner _migrations;
    private readonly AgentRepository _agents;
    private readonly RouteRepository _routes;
    private readonly TrunkRepository _trunks;
    private readonly QueueRepository _queues;

    internal ConfigExporter(MigrationRunner migrations, AgentRepository agents, RouteRepository routes, TrunkRepository trunks, QueueRepository queues)
    {
        _migrations = migrations;
        _agents = agents;
        _routes = routes;
        _trunks = trunks;
        _queues = queues;
    }

    /// <summary>The environment variable a trunk's password placeholder names: <c>TRUNK_CARRIER_A_PASSWORD</c> for <c>carrier-a</c>.</summary>
    /// <param name="trunkId">The trunk id.</param>
    /// <returns>The variable name.</returns>
    public static string PasswordVariable(string trunkId)
    {
        ArgumentNullException.ThrowIfNull(trunkId);
        return "TRUNK_" + trunkId.ToUpperInvariant().Replace('-', '_') + "_PASSWORD";
    }

    /// <summary>Brings the schema up to date (as the gateway does at start) and writes the configuration as YAML.</summary>
    /// <param name="output">Where to write the document.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task ExportAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await _migrations.MigrateAsync(cancellationToken).ConfigureAwait(false);

        var agents = new JsonArray();
        foreach (var agent in await _agents.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var versions = await _agents.ListVersionsAsync(agent.Id, cancellationToken).ConfigureAwait(false);
            var document = new ConfigAgent(
                agent.Id,
                agent.Name,
                agent.PublishedVersion,
                versions.Select(v => new ConfigAgentVersion(v.Version, v.State, v.Definition)).ToList());
            agents.Add(ConfigJson.ToObject(document));
        }

        var routes = new JsonArray();
        foreach (var route in await _routes.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            routes.Add(ConfigJson.ToObject(route, "rowVersion"));
        }

        var trunks = new JsonArray();
        foreach (var trunk in await _trunks.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            trunks.Add(ConfigJson.ToObject(ToRequest(trunk)));
        }

        var queues = new JsonArray();
        foreach (var queue in await _queues.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            queues.Add(ConfigJson.ToObject(queue, "rowVersion"));
        }

        var root = new JsonObject
        {
            ["version"] = FormatVersion,
            ["agents"] = agents,
            ["routes"] = routes,
            ["trunks"] = trunks,
            ["queues"] = queues,
        };
        ConfigYaml.Write(root, output);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The trunk as the document writes it: the stored fields, and a placeholder instead of a stored password.</summary>
    internal static TrunkRequest ToRequest(Trunk trunk) => new(
        trunk.Id,
        trunk.Name,
        trunk.Addresses,
        trunk.Transport,
        trunk.Username,
        trunk.HasPassword ? "${" + PasswordVariable(trunk.Id) + "}" : null,
        trunk.Register,
        trunk.RegisterExpirySeconds,
        trunk.OutboundProxy,
        trunk.InboundNetworks,
        trunk.Codecs);
}
