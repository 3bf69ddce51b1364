using Softswitch.Admin.Model;

namespace Softswitch.Admin.Persistence;

/// <summary>Filters and page of a call history query; null filters match everything. Results are newest first.</summary>
/// <param name="From">Calls started at or after this instant.</param>
/// <param name="To">Calls started before this instant.</param>
/// <param name="Number">Text the calling or called number contains.</param>
/// <param name="Outcome">Exact outcome.</param>
/// <param name="AgentId">The agent.</param>
/// <param name="TrunkId">The trunk.</param>
/// <param name="Direction">The direction.</param>
/// <param name="Cursor">The <see cref="CallHistoryPage.NextCursor"/> of the previous page, or null for the first page.</param>
/// <param name="Limit">Most calls per page, 1 to <see cref="MaxLimit"/> (values outside are clamped). Defaults to 50.</param>
public sealed record CallHistoryQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Number = null,
    string? Outcome = null,
    string? AgentId = null,
    string? TrunkId = null,
    CallDirection? Direction = null,
    string? Cursor = null,
    int Limit = 50)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 500;
}
