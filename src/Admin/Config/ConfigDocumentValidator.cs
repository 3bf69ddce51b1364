using System.Text.RegularExpressions;
using Softswitch.Admin.Model;
using Softswitch.Admin.Validation;

namespace Softswitch.Admin.Config;

/// <summary>
/// Checks a parsed document against the API's rules (the shared validators), then what only a whole document can get
/// wrong: duplicate ids, versions out of order, changed published versions, references to agents, versions, queues or
/// trunks that will not exist after the import, and password placeholders whose variable is unset.
/// </summary>
internal static partial class ConfigDocumentValidator
{
    /// <summary>Validates; returns the password to write per trunk id (null: keep the stored one, empty: remove it).</summary>
    public static Dictionary<string, string?> Validate(ConfigDocument document, StoredConfig stored, ConfigImportOptions options, Validator v)
    {
        var agentVersions = new Dictionary<string, int>(StringComparer.Ordinal);
        if (document.Agents is { } agents)
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (path, agent) in agents)
            {
                AgentValidation.ValidateAgent(agent.Id, agent.Name, v, path);
                if (Unique(agent.Id, path, seen, v) && agent.Id is { } id)
                {
                    agentVersions[id] = ValidateVersions(id, path, agent, stored.Agents.GetValueOrDefault(id).Versions ?? [], v);
                }
            }
        }

        var passwords = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (document.Trunks is { } trunks)
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (path, trunk) in trunks)
            {
                v.Check(Validator.IsId(trunk.Id), Validator.Field(path, "id"), Validator.IdRule);
                var password = ResolvePassword(trunk, path, trunk.Id is { } tid ? stored.Trunks.GetValueOrDefault(tid) : null, options, v);
                TrunkValidation.Validate(trunk with { Password = password }, v, path);
                if (Unique(trunk.Id, path, seen, v) && trunk.Id is { } id)
                {
                    passwords[id] = password;
                }
            }
        }

        var queueIds = Final(document.Queues?.Select(e => e.Value.Id), stored.Queues.Keys, options.Prune);
        var trunkIds = Final(document.Trunks?.Select(e => e.Value.Id), stored.Trunks.Keys, options.Prune);
        foreach (var id in Final(document.Agents?.Select(e => e.Value.Id), stored.Agents.Keys, options.Prune))
        {
            agentVersions.TryAdd(id, stored.Agents.TryGetValue(id, out var kept) ? kept.Versions.Count : 0);
        }

        if (document.Routes is { } routes)
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (path, route) in routes)
            {
                v.Check(Validator.IsId(route.Id), Validator.Field(path, "id"), Validator.IdRule);
                RouteValidation.Validate(route, v, path);
                Unique(route.Id, path, seen, v);
                if (route.Match?.TrunkId is { } trunkId)
                {
                    v.Check(trunkIds.Contains(trunkId), Validator.Field(path, "match.trunkId"), $"names trunk '{trunkId}', which {Missing(options)}");
                }

                CheckTarget(route.Target, Validator.Field(path, "target"), agentVersions, queueIds, options, v);
                CheckTarget(route.Fallback, Validator.Field(path, "fallback"), agentVersions, queueIds, options, v);
            }
        }

        if (document.Queues is { } queues)
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (path, queue) in queues)
            {
                v.Check(Validator.IsId(queue.Id), Validator.Field(path, "id"), Validator.IdRule);
                QueueValidation.Validate(queue, v, path);
                Unique(queue.Id, path, seen, v);
                CheckTarget(queue.Fallback, Validator.Field(path, "fallback"), agentVersions, queueIds, options, v);
            }
        }

        CheckKept(document, stored, agentVersions, queueIds, trunkIds, options, v);
        return passwords;
    }

    private static int ValidateVersions(string id, string path, ConfigAgent agent, IReadOnlyList<AgentVersion> stored, Validator v)
    {
        var versions = agent.Versions ?? [];
        var versionsPath = Validator.Field(path, "versions");
        v.Check(versions.Count > 0, versionsPath, "needs at least version 1");
        var published = new HashSet<int>(stored.Skip(versions.Count).Where(s => s.State == AgentVersionState.Published).Select(s => s.Version));
        for (var j = 0; j < versions.Count; j++)
        {
            var at = ConfigYaml.Item(versionsPath, j);
            if (versions[j] is not { } version)
            {
                v.Add(at, "must be a mapping with version, state and definition");
                continue;
            }

            v.Check(version.Version == j + 1, Validator.Field(at, "version"), $"must be {j + 1}: versions are numbered 1, 2, 3… in order, with none left out");
            v.Check(version.State is not null, Validator.Field(at, "state"), "is required: draft or published");
            AgentValidation.ValidateDefinition(version.Definition, v, Validator.Field(at, "definition"));
            if (version.State == AgentVersionState.Published)
            {
                published.Add(j + 1);
            }

            if (j < stored.Count && stored[j].State == AgentVersionState.Published && version.Definition is not null)
            {
                v.Check(version.State == AgentVersionState.Published, Validator.Field(at, "state"), $"version {j + 1} of '{id}' is published and cannot become a draft again");
                v.Check(
                    ConfigJson.Canonical(version.Definition) == ConfigJson.Canonical(stored[j].Definition),
                    Validator.Field(at, "definition"),
                    $"version {j + 1} of '{id}' is published and cannot change: add the change as a new version");
            }
        }

        if (agent.PublishedVersion is { } current)
        {
            v.Check(published.Contains(current), Validator.Field(path, "publishedVersion"), $"must name a published version of '{id}'");
        }
        else
        {
            v.Check(published.Count == 0, Validator.Field(path, "publishedVersion"), $"is required: '{id}' has published versions");
        }

        return Math.Max(versions.Count, stored.Count);
    }

    private static string? ResolvePassword(TrunkRequest trunk, string path, Trunk? stored, ConfigImportOptions options, Validator v)
    {
        if (trunk.Password is not { } password || !password.StartsWith("${", StringComparison.Ordinal))
        {
            return trunk.Password;
        }

        var field = Validator.Field(path, "password");
        if (PlaceholderPattern().Match(password) is not { Success: true } placeholder)
        {
            v.Add(field, "a placeholder must be ${NAME}, NAME an environment variable (letters, digits, '_')");
            return null;
        }

        var name = placeholder.Groups[1].Value;
        var value = options.Environment(name);
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        // An unset variable keeps the password stored already, so that an exported document re-imports as it is.
        v.Check(stored is { HasPassword: true }, field, $"environment variable {name} is not set, and the trunk has no stored password to keep");
        return null;
    }

    private static void CheckTarget(RouteTarget? target, string path, Dictionary<string, int> agentVersions, HashSet<string> queueIds, ConfigImportOptions options, Validator v)
    {
        if (target is null)
        {
            return;
        }

        if (target.Kind == RouteTargetKind.Agent && target.AgentId is { } agentId)
        {
            if (!agentVersions.TryGetValue(agentId, out var count))
            {
                v.Add(Validator.Field(path, "agentId"), $"names agent '{agentId}', which {Missing(options)}");
                return;
            }

            var weights = target.Weights ?? [];
            for (var k = 0; k < weights.Count; k++)
            {
                v.Check(weights[k].Version <= count, Validator.Field(path, $"weights[{k}].version"), $"agent '{agentId}' has no version {weights[k].Version}");
            }
        }
        else if (target.Kind == RouteTargetKind.Queue && target.QueueId is { } queueId)
        {
            v.Check(queueIds.Contains(queueId), Validator.Field(path, "queueId"), $"names queue '{queueId}', which {Missing(options)}");
        }
    }

    // Stored routes and queues that the document does not replace must not lose what they point at to --prune.
    private static void CheckKept(
        ConfigDocument document, StoredConfig stored, Dictionary<string, int> agentVersions, HashSet<string> queueIds, HashSet<string> trunkIds, ConfigImportOptions options, Validator v)
    {
        if (!options.Prune)
        {
            return;
        }

        bool Lost(RouteTarget? t) => t switch
        {
            { Kind: RouteTargetKind.Agent, AgentId: { } a } => stored.Agents.ContainsKey(a) && !agentVersions.ContainsKey(a),
            { Kind: RouteTargetKind.Queue, QueueId: { } q } => stored.Queues.ContainsKey(q) && !queueIds.Contains(q),
            _ => false,
        };

        if (document.Routes is null)
        {
            foreach (var route in stored.Routes.Values)
            {
                var trunkLost = route.Match?.TrunkId is { } t && stored.Trunks.ContainsKey(t) && !trunkIds.Contains(t);
                v.Check(!Lost(route.Target) && !Lost(route.Fallback) && !trunkLost, "routes", $"stored route '{route.Id}' is not in the document (no routes section) and points at something --prune deletes");
            }
        }

        if (document.Queues is null)
        {
            foreach (var queue in stored.Queues.Values.Where(q => queueIds.Contains(q.Id)))
            {
                v.Check(!Lost(queue.Fallback), "queues", $"stored queue '{queue.Id}' is not in the document (no queues section) and falls back to something --prune deletes");
            }
        }
    }

    private static HashSet<string> Final(IEnumerable<string?>? named, IEnumerable<string> stored, bool prune)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (named is not null)
        {
            ids.UnionWith(named.OfType<string>());
        }

        if (named is null || !prune)
        {
            ids.UnionWith(stored);
        }

        return ids;
    }

    private static bool Unique(string? id, string path, Dictionary<string, string> seen, Validator v)
    {
        if (id is null)
        {
            return false;
        }

        if (seen.TryGetValue(id, out var first))
        {
            v.Add(Validator.Field(path, "id"), $"'{id}' is used already by {first}");
            return false;
        }

        seen[id] = path;
        return true;
    }

    private static string Missing(ConfigImportOptions options) =>
        options.Prune ? "is not in the document (and --prune deletes what is not)" : "is neither in the document nor stored";

    [GeneratedRegex(@"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$")]
    private static partial Regex PlaceholderPattern();
}
