using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Validation;

namespace Softswitch.Admin.Config;

/// <summary>
/// <c>softswitch config import</c>: reads a document written by <see cref="ConfigExporter"/> (or by hand), validates all of
/// it with the API's rules plus the document's own (references, duplicate ids, published versions unchanged), and only then
/// applies it: in one database transaction, so that either every change is stored or none is. Sections the document leaves
/// out are not touched.
/// </summary>
public sealed class ConfigImporter
{
    private readonly IDbConnectionFactory _connections;
    private readonly MigrationRunner _migrations;
    private readonly AgentRepository _agents;
    private readonly RouteRepository _routes;
    private readonly TrunkRepository _trunks;
    private readonly QueueRepository _queues;

    internal ConfigImporter(
        IDbConnectionFactory connections, MigrationRunner migrations, AgentRepository agents, RouteRepository routes, TrunkRepository trunks, QueueRepository queues)
    {
        _connections = connections;
        _migrations = migrations;
        _agents = agents;
        _routes = routes;
        _trunks = trunks;
        _queues = queues;
    }

    /// <summary>Validates <paramref name="yaml"/> and, when it is valid and not a dry run, applies it.</summary>
    /// <param name="yaml">The document.</param>
    /// <param name="options">Dry run, prune, environment.</param>
    /// <param name="cancellationToken">Cancels the import (rolling it back).</param>
    /// <returns>The errors (nothing was changed) or what changed.</returns>
    public async Task<ConfigImportResult> ImportAsync(string yaml, ConfigImportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(options);
        var positions = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        ConfigDocument document;
        var validator = new Validator();
        try
        {
            document = ConfigDocumentReader.Read(ConfigYaml.Read(yaml, positions), validator);
        }
        catch (ConfigSyntaxException e)
        {
            return new ConfigImportResult([new ConfigError(string.Empty, "not valid YAML: " + e.Message, e.Line, e.Column)], malformed: true);
        }

        await _migrations.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var transaction = await AdminTransaction.BeginAsync(_connections, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var stored = await StoredConfig.LoadAsync(_agents, _routes, _trunks, _queues, transaction, cancellationToken).ConfigureAwait(false);
            var passwords = ConfigDocumentValidator.Validate(document, stored, options, validator);
            if (validator.HasErrors)
            {
                return new ConfigImportResult(validator.Errors.Select(e => Locate(e.Field, e.Message, positions)).ToList(), malformed: false);
            }

            var result = new ConfigImportResult([], malformed: false);
            await ApplyAgentsAsync(document, stored, options, transaction, result.Agents, cancellationToken).ConfigureAwait(false);
            await ApplyQueuesAsync(document, stored, options, transaction, result.Queues, cancellationToken).ConfigureAwait(false);
            await ApplyTrunksAsync(document, stored, passwords, options, transaction, result.Trunks, cancellationToken).ConfigureAwait(false);
            await ApplyRoutesAsync(document, stored, options, transaction, result.Routes, cancellationToken).ConfigureAwait(false);
            if (!options.DryRun)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                result.Applied = true;
            }

            // A dry run ends here: disposing the transaction rolls every change back.
            return result;
        }
    }

    private static ConfigError Locate(string path, string message, Dictionary<string, (int Line, int Column)> positions)
    {
        // A missing field has no position of its own: use the nearest enclosing node that has one.
        for (var at = path; ; at = Parent(at))
        {
            if (positions.TryGetValue(at, out var position))
            {
                return new ConfigError(path, message, position.Line, position.Column);
            }

            if (at.Length == 0)
            {
                return new ConfigError(path, message, null, null);
            }
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? string.Empty : path[..cut];
    }

    private async Task ApplyAgentsAsync(
        ConfigDocument document, StoredConfig stored, ConfigImportOptions options, AdminTransaction transaction, ConfigChangeCounts counts, CancellationToken ct)
    {
        if (document.Agents is not { } agents)
        {
            return;
        }

        foreach (var (_, agent) in agents)
        {
            var id = agent.Id!;
            var versions = agent.Versions!.Select(v => v!).ToList();
            var changed = false;
            int? current = null;
            IReadOnlyList<AgentVersion> storedVersions = [];
            if (stored.Agents.TryGetValue(id, out var existing))
            {
                storedVersions = existing.Versions;
                current = existing.Agent.PublishedVersion;
                if (existing.Agent.Name != agent.Name)
                {
                    Ok(await _agents.RenameAsync(id, agent.Name!, transaction, ct).ConfigureAwait(false), "agent", id);
                    changed = true;
                }
            }
            else
            {
                Ok(await _agents.CreateAsync(id, agent.Name!, versions[0].Definition!, transaction, ct).ConfigureAwait(false), "agent", id);
                storedVersions = [new AgentVersion(id, 1, AgentVersionState.Draft, versions[0].Definition!, default, null, 1)];
            }

            for (var j = 0; j < versions.Count; j++)
            {
                var version = versions[j];
                long rowVersion;
                if (j < storedVersions.Count)
                {
                    var was = storedVersions[j];
                    if (was.State == AgentVersionState.Published)
                    {
                        continue;
                    }

                    rowVersion = was.RowVersion;
                    if (ConfigJson.Canonical(version.Definition) != ConfigJson.Canonical(was.Definition))
                    {
                        rowVersion = Ok(await _agents.UpdateDraftAsync(id, j + 1, version.Definition!, rowVersion, transaction, ct).ConfigureAwait(false), "agent", id).RowVersion;
                        changed = true;
                    }
                }
                else
                {
                    var added = Ok(await _agents.AddDraftAsync(id, version.Definition!, transaction, ct).ConfigureAwait(false), "agent", id);
                    Ok(added.Version == j + 1, "agent", id);
                    rowVersion = added.RowVersion;
                    changed = true;
                }

                if (version.State == AgentVersionState.Published)
                {
                    Ok(await _agents.PublishAsync(id, j + 1, rowVersion, transaction, ct).ConfigureAwait(false), "agent", id);
                    current = j + 1;
                    changed = true;
                }
            }

            if (agent.PublishedVersion is { } published && published != current)
            {
                Ok(await _agents.RollBackAsync(id, published, transaction, ct).ConfigureAwait(false), "agent", id);
                changed = true;
            }

            Count(counts, existing.Agent is null, changed);
        }

        if (options.Prune)
        {
            foreach (var id in stored.Agents.Keys.Except(agents.Select(a => a.Value.Id!), StringComparer.Ordinal))
            {
                Ok(await _agents.DeleteAsync(id, transaction, ct).ConfigureAwait(false), "agent", id);
                counts.Deleted++;
            }
        }
    }

    private async Task ApplyRoutesAsync(
        ConfigDocument document, StoredConfig stored, ConfigImportOptions options, AdminTransaction transaction, ConfigChangeCounts counts, CancellationToken ct)
    {
        if (document.Routes is not { } routes)
        {
            return;
        }

        foreach (var (_, entry) in routes)
        {
            var route = RouteValidation.Normalize(entry) with { RowVersion = 0 };
            if (stored.Routes.TryGetValue(route.Id, out var was))
            {
                var same = ConfigJson.Canonical(route) == ConfigJson.Canonical(was with { RowVersion = 0 });
                if (!same)
                {
                    Ok(await _routes.UpdateAsync(route with { RowVersion = was.RowVersion }, transaction, ct).ConfigureAwait(false), "route", route.Id);
                }

                Count(counts, created: false, changed: !same);
            }
            else
            {
                Ok(await _routes.CreateAsync(route, transaction, ct).ConfigureAwait(false), "route", route.Id);
                counts.Created++;
            }
        }

        if (options.Prune)
        {
            foreach (var was in stored.Routes.Values.Where(r => !routes.Any(e => e.Value.Id == r.Id)))
            {
                Ok(await _routes.DeleteAsync(was.Id, was.RowVersion, transaction, ct).ConfigureAwait(false), "route", was.Id);
                counts.Deleted++;
            }
        }
    }

    private async Task ApplyTrunksAsync(
        ConfigDocument document,
        StoredConfig stored,
        Dictionary<string, string?> passwords,
        ConfigImportOptions options,
        AdminTransaction transaction,
        ConfigChangeCounts counts,
        CancellationToken ct)
    {
        if (document.Trunks is not { } trunks)
        {
            return;
        }

        foreach (var (_, entry) in trunks)
        {
            var id = entry.Id!;
            var trunk = entry.ToTrunk(id, 0);
            var password = passwords[id];
            if (stored.Trunks.TryGetValue(id, out var was))
            {
                var sameBody = ConfigJson.Canonical(trunk) == ConfigJson.Canonical(was with { HasPassword = false, RowVersion = 0 });
                var newPassword = password switch
                {
                    null => false,
                    "" => was.HasPassword,
                    _ => (await _trunks.GetCredentialsAsync(id, transaction, ct).ConfigureAwait(false))?.Password != password,
                };
                if (!sameBody || newPassword)
                {
                    Ok(await _trunks.UpdateAsync(trunk with { RowVersion = was.RowVersion }, newPassword ? password : null, transaction, ct).ConfigureAwait(false), "trunk", id);
                }

                Count(counts, created: false, changed: !sameBody || newPassword);
            }
            else
            {
                Ok(await _trunks.CreateAsync(trunk, password, transaction, ct).ConfigureAwait(false), "trunk", id);
                counts.Created++;
            }
        }

        if (options.Prune)
        {
            foreach (var was in stored.Trunks.Values.Where(t => !trunks.Any(e => e.Value.Id == t.Id)))
            {
                Ok(await _trunks.DeleteAsync(was.Id, was.RowVersion, transaction, ct).ConfigureAwait(false), "trunk", was.Id);
                counts.Deleted++;
            }
        }
    }

    private async Task ApplyQueuesAsync(
        ConfigDocument document, StoredConfig stored, ConfigImportOptions options, AdminTransaction transaction, ConfigChangeCounts counts, CancellationToken ct)
    {
        if (document.Queues is not { } queues)
        {
            return;
        }

        foreach (var (_, entry) in queues)
        {
            var queue = entry with { RowVersion = 0 };
            if (stored.Queues.TryGetValue(queue.Id, out var was))
            {
                var same = ConfigJson.Canonical(queue) == ConfigJson.Canonical(was with { RowVersion = 0 });
                if (!same)
                {
                    Ok(await _queues.UpdateAsync(queue with { RowVersion = was.RowVersion }, transaction, ct).ConfigureAwait(false), "queue", queue.Id);
                }

                Count(counts, created: false, changed: !same);
            }
            else
            {
                Ok(await _queues.CreateAsync(queue, transaction, ct).ConfigureAwait(false), "queue", queue.Id);
                counts.Created++;
            }
        }

        if (options.Prune)
        {
            foreach (var was in stored.Queues.Values.Where(q => !queues.Any(e => e.Value.Id == q.Id)))
            {
                Ok(await _queues.DeleteAsync(was.Id, was.RowVersion, transaction, ct).ConfigureAwait(false), "queue", was.Id);
                counts.Deleted++;
            }
        }
    }

    private static void Count(ConfigChangeCounts counts, bool created, bool changed)
    {
        if (created)
        {
            counts.Created++;
        }
        else if (changed)
        {
            counts.Updated++;
        }
        else
        {
            counts.Unchanged++;
        }
    }

    private static T Ok<T>(WriteResult<T> result, string kind, string id) =>
        result.Status == WriteStatus.Ok ? result.Value! : throw Conflict(kind, id);

    private static void Ok(WriteStatus status, string kind, string id) => Ok(status == WriteStatus.Ok, kind, id);

    private static void Ok(bool ok, string kind, string id)
    {
        if (!ok)
        {
            throw Conflict(kind, id);
        }
    }

    private static ConfigConflictException Conflict(string kind, string id) =>
        new($"{kind} '{id}' changed while the import ran (another writer); nothing was changed, run the import again");
}
