namespace Softswitch.Admin.Model;

/// <summary>A dialplan entry: which calls go where, and when.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Priority">Routes are tried in ascending priority.</param>
/// <param name="Enabled">False to keep the route without using it.</param>
/// <param name="Match">Which calls the route takes.</param>
/// <param name="TimeWindows">When the route applies; empty for always.</param>
/// <param name="TimeZone">IANA time zone of the windows and holidays, such as <c>Europe/Berlin</c>.</param>
/// <param name="Holidays">Dates on which the route does not apply.</param>
/// <param name="Target">Where matching calls go.</param>
/// <param name="Fallback">Where they go when the target cannot take them, or null to reject them.</param>
/// <param name="RowVersion">Changes on every write; the ETag and the expected value of the next update.</param>
public sealed record Route(
    string Id,
    string Name,
    int Priority,
    bool Enabled,
    RouteMatch Match,
    IReadOnlyList<TimeWindow> TimeWindows,
    string TimeZone,
    IReadOnlyList<DateOnly> Holidays,
    RouteTarget Target,
    RouteTarget? Fallback,
    long RowVersion);
