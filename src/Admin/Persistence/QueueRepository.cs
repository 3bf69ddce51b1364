using Softswitch.Admin.Model;

namespace Softswitch.Admin.Persistence;

/// <summary>Queues, stored as JSON; optimistic concurrency on the row version.</summary>
internal sealed class QueueRepository(IDbConnectionFactory connections, TimeProvider timeProvider)
    : JsonDocumentRepository<Queue>(connections, timeProvider, "queues", [], "id")
{
    /// <inheritdoc/>
    protected override string IdOf(Queue item) => item.Id;

    /// <inheritdoc/>
    protected override string NameOf(Queue item) => item.Name;

    /// <inheritdoc/>
    protected override long RowVersionOf(Queue item) => item.RowVersion;

    /// <inheritdoc/>
    protected override Queue WithIdentity(Queue item, string id, long rowVersion) => item with { Id = id, RowVersion = rowVersion };
}
