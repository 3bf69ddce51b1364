using System.Globalization;
using Softswitch.Admin.Model;

namespace Softswitch.Admin.Routing;

/// <summary>
/// The dialplan's decision for one call: the first enabled route by priority whose called number, caller and trunk match and
/// whose time windows (in the route's time zone, holidays excluded) include the call's time; its target made concrete (the
/// agent's published version, or one picked by canary weights), or its fallback when the target is unavailable (no such agent,
/// nothing published, no such queue). Pure: the same snapshot, call and random draw give the same answer.
/// </summary>
public static class RouteEvaluator
{
    /// <summary>Evaluates <paramref name="query"/> against <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">Routes, agents and queues.</param>
    /// <param name="query">The call.</param>
    /// <param name="random">Draws the canary split.</param>
    /// <returns>The decision with its reasons.</returns>
    public static RouteEvaluation Evaluate(DialplanSnapshot snapshot, RouteQuery query, Random random)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(random);
        var reasons = new List<string>();
        var called = Normalize(query.Called);
        var caller = Normalize(query.Caller);
        foreach (var route in snapshot.Routes)
        {
            var label = $"route '{route.Name}' ({route.Id}, priority {route.Priority.ToString(CultureInfo.InvariantCulture)})";
            if (!Matches(route.Match.Called, called))
            {
                reasons.Add($"{label}: called {called} does not match {Describe(route.Match.Called)}");
                continue;
            }

            if (route.Match.Caller is { } callerMatch && !Matches(callerMatch, caller))
            {
                reasons.Add($"{label}: caller {caller} does not match {Describe(callerMatch)}");
                continue;
            }

            if (route.Match.TrunkId is { } trunk && !string.Equals(trunk, query.TrunkId, StringComparison.Ordinal))
            {
                reasons.Add($"{label}: trunk {query.TrunkId ?? "(none)"} is not {trunk}");
                continue;
            }

            if (!InTime(route, query.At, out var when))
            {
                reasons.Add($"{label}: {when}");
                continue;
            }

            reasons.Add($"{label} matched: called {called} {Describe(route.Match.Called)}{(when.Length > 0 ? ", " + when : string.Empty)}");
            var target = Resolve(snapshot, route.Target, random, reasons);
            if (target is not null)
            {
                return new RouteEvaluation(route, target, UsedFallback: false, reasons);
            }

            if (route.Fallback is { } fallback && Resolve(snapshot, fallback, random, reasons) is { } second)
            {
                reasons.Add("fallback taken");
                return new RouteEvaluation(route, second, UsedFallback: true, reasons);
            }

            reasons.Add("no target available");
            return new RouteEvaluation(route, null, UsedFallback: false, reasons);
        }

        reasons.Add(snapshot.Routes.Count == 0 ? "no routes" : "no route matched");
        return new RouteEvaluation(null, null, UsedFallback: false, reasons);
    }

    /// <summary>A number as routes compare it: visual separators (spaces, dashes, dots, parentheses) removed.</summary>
    /// <param name="number">A number or SIP user part.</param>
    /// <returns>The normalized form.</returns>
    public static string Normalize(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.AsSpan().IndexOfAny(" -.()") < 0
            ? number
            : string.Concat(number.Where(c => c is not (' ' or '-' or '.' or '(' or ')')));
    }

    private static bool Matches(NumberMatch match, string number) => match.Kind switch
    {
        NumberMatchKind.Exact => string.Equals(Normalize(match.Value), number, StringComparison.Ordinal),
        NumberMatchKind.Prefix => number.StartsWith(Normalize(match.Value), StringComparison.Ordinal),
        _ => NumberPattern.IsMatch(match.Value, number),
    };

    private static string Describe(NumberMatch match) => match.Kind switch
    {
        NumberMatchKind.Exact => $"exactly {match.Value}",
        NumberMatchKind.Prefix => $"by prefix {match.Value}",
        _ => $"pattern {match.Value}",
    };

    private static bool InTime(Route route, DateTimeOffset at, out string why)
    {
        why = string.Empty;
        if (route.TimeWindows.Count == 0 && route.Holidays.Count == 0)
        {
            return true;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(route.TimeZone);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var stamp = $"{local:ddd yyyy-MM-dd HH:mm} {route.TimeZone}";
        if (route.Holidays.Contains(date))
        {
            why = $"{stamp} is a holiday";
            return false;
        }

        if (route.TimeWindows.Count == 0)
        {
            why = $"{stamp}, not a holiday";
            return true;
        }

        var time = TimeOnly.FromDateTime(local.DateTime);
        foreach (var window in route.TimeWindows)
        {
            var start = TimeOnly.ParseExact(window.Start, "HH:mm", CultureInfo.InvariantCulture);
            var end = TimeOnly.ParseExact(window.End, "HH:mm", CultureInfo.InvariantCulture);

            // A window past midnight (22:00-06:00) belongs to the day it starts on.
            var inWindow = start < end
                ? window.Days.Contains(local.DayOfWeek) && time >= start && time < end
                : (window.Days.Contains(local.DayOfWeek) && time >= start) || (window.Days.Contains(local.AddDays(-1).DayOfWeek) && time < end);
            if (inWindow)
            {
                why = $"{stamp} is within {string.Join(',', window.Days.Select(d => d.ToString()[..3]))} {window.Start}-{window.End}";
                return true;
            }
        }

        why = $"{stamp} is outside its time windows";
        return false;
    }

    private static ResolvedTarget? Resolve(DialplanSnapshot snapshot, RouteTarget target, Random random, List<string> reasons)
    {
        if (target.Kind == RouteTargetKind.Queue)
        {
            if (target.QueueId is { } queue && snapshot.Queues.Contains(queue))
            {
                reasons.Add($"queue {queue}");
                return new ResolvedTarget(RouteTargetKind.Queue, null, null, queue);
            }

            reasons.Add($"queue {target.QueueId} does not exist");
            return null;
        }

        if (target.AgentId is not { } agentId || !snapshot.Agents.TryGetValue(agentId, out var agent))
        {
            reasons.Add($"agent {target.AgentId} does not exist");
            return null;
        }

        if (target.Weights is { Count: > 0 } weights)
        {
            // Canary split over published versions; versions not (or no longer) published drop out of the draw.
            var live = weights.Where(w => w.Weight > 0 && agent.Published.Contains(w.Version)).ToList();
            var total = live.Sum(w => w.Weight);
            if (total > 0)
            {
                var draw = random.Next(total);
                foreach (var weight in live)
                {
                    if (draw < weight.Weight)
                    {
                        reasons.Add($"agent {agentId} version {weight.Version} by weight {weight.Weight} of {total}");
                        return new ResolvedTarget(RouteTargetKind.Agent, agentId, weight.Version, null);
                    }

                    draw -= weight.Weight;
                }
            }

            reasons.Add($"agent {agentId}: none of the weighted versions is published");
            return null;
        }

        if (agent.Current is { } current)
        {
            reasons.Add($"agent {agentId} published version {current}");
            return new ResolvedTarget(RouteTargetKind.Agent, agentId, current, null);
        }

        reasons.Add($"agent {agentId} has no published version");
        return null;
    }
}
