namespace Softswitch.Admin.Model;

/// <summary>Days and hours during which a route applies, in the route's time zone.</summary>
/// <param name="Days">Days of the week.</param>
/// <param name="Start">Start time, <c>HH:mm</c>, inclusive.</param>
/// <param name="End">End time, <c>HH:mm</c>, exclusive.</param>
public sealed record TimeWindow(IReadOnlyList<DayOfWeek> Days, string Start, string End);
