using Softswitch.Admin.Model;

namespace Softswitch.Admin.Persistence;

/// <summary>One page of call history, newest first.</summary>
/// <param name="Calls">The calls.</param>
/// <param name="NextCursor">Opaque cursor of the next page, or null when this is the last one.</param>
public sealed record CallHistoryPage(IReadOnlyList<CallRecord> Calls, string? NextCursor);
