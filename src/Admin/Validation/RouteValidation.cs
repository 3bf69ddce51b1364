using System.Globalization;
using Softswitch.Admin.Model;
using Softswitch.Admin.Routing;
using Route = Softswitch.Admin.Model.Route;

namespace Softswitch.Admin.Validation;

/// <summary>The rules a dialplan route follows, the same for the HTTP API and <c>softswitch config import</c>.</summary>
internal static class RouteValidation
{
    /// <summary>Checks a route (not its id), naming each bad field under <paramref name="prefix"/>.</summary>
    public static void Validate(Route route, Validator v, string prefix = "")
    {
        v.Check(!string.IsNullOrWhiteSpace(route.Name) && route.Name.Length <= 200, Validator.Field(prefix, "name"), "is required, at most 200 characters")
            .Check(route.Priority is >= 0 and <= 1_000_000, Validator.Field(prefix, "priority"), "must be 0-1000000 (lower is tried first)");
        if (route.Match is null)
        {
            v.Add(Validator.Field(prefix, "match"), "is required");
        }
        else
        {
            ValidateNumber(route.Match.Called, Validator.Field(prefix, "match.called"), v, required: true);
            ValidateNumber(route.Match.Caller, Validator.Field(prefix, "match.caller"), v, required: false);
        }

        var zoneOk = !string.IsNullOrWhiteSpace(route.TimeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(route.TimeZone, out _);
        v.Check(zoneOk, Validator.Field(prefix, "timeZone"), "must be an IANA time zone such as Europe/Paris or UTC");
        var windows = route.TimeWindows ?? [];
        for (var i = 0; i < windows.Count; i++)
        {
            var w = windows[i];
            var at = Validator.Field(prefix, $"timeWindows[{i}]");
            v.Check(w.Days is { Count: > 0 }, at + ".days", "must name at least one day")
                .Check(IsTime(w.Start), at + ".start", "must be HH:mm")
                .Check(IsTime(w.End) && w.End != w.Start, at + ".end", "must be HH:mm, not the start");
        }

        ValidateTarget(route.Target, Validator.Field(prefix, "target"), v, required: true);
        ValidateTarget(route.Fallback, Validator.Field(prefix, "fallback"), v, required: false);
    }

    /// <summary>The route with the optional lists that JSON or YAML may leave out made empty.</summary>
    public static Route Normalize(Route route) => route with
    {
        TimeWindows = route.TimeWindows ?? [],
        Holidays = route.Holidays ?? [],
    };

    /// <summary>Checks where a route or queue sends calls: an agent id (and version weights) or a queue id.</summary>
    public static void ValidateTarget(RouteTarget? target, string field, Validator v, bool required)
    {
        if (target is null)
        {
            v.Check(!required, field, "is required");
            return;
        }

        if (target.Kind == RouteTargetKind.Agent)
        {
            v.Check(Validator.IsId(target.AgentId), field + ".agentId", "is required for an agent target");
            var weights = target.Weights ?? [];
            v.Check(weights.All(w => w.Version >= 1 && w.Weight >= 0) && (weights.Count == 0 || weights.Sum(w => w.Weight) > 0), field + ".weights", "need versions ≥ 1, weights ≥ 0 and a positive total");
        }
        else
        {
            v.Check(Validator.IsId(target.QueueId), field + ".queueId", "is required for a queue target");
        }
    }

    private static void ValidateNumber(NumberMatch? match, string field, Validator v, bool required)
    {
        if (match is null)
        {
            v.Check(!required, field, "is required");
            return;
        }

        if (match.Value is null || match.Value.Length > NumberPattern.MaxLength)
        {
            v.Add(field + ".value", $"is required, at most {NumberPattern.MaxLength} characters");
        }
        else if (match.Kind == NumberMatchKind.Pattern && NumberPattern.Validate(match.Value) is { } problem)
        {
            v.Add(field + ".value", "pattern " + problem);
        }
    }

    private static bool IsTime(string? text) => TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
