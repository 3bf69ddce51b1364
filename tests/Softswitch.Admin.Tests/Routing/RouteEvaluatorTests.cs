using Shouldly;
using Softswitch.Admin.Model;
using Softswitch.Admin.Routing;
using Xunit;

namespace Softswitch.Admin.Tests.Routing;

public sealed class RouteEvaluatorTests
{
    // Wednesday 2026-12-02 10:30 in Paris (09:30 UTC).
    private static readonly DateTimeOffset s_wednesdayMorning = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_FirstMatchByPriority_WinsAndReasonsListThePassedOver()
    {
        var snapshot = Snapshot(
            [
                NewRoute("late", 20, Called(NumberMatchKind.Prefix, "1"), AgentTarget("support")),
                NewRoute("early", 10, Called(NumberMatchKind.Exact, "200"), AgentTarget("sales")),
                NewRoute("first", 5, Called(NumberMatchKind.Exact, "100"), AgentTarget("sales")),
            ]);

        var result = RouteEvaluator.Evaluate(snapshot, new RouteQuery("555", "1 (000)", null, s_wednesdayMorning), new Random(1));

        result.Route!.Id.ShouldBe("late");
        result.Target.ShouldBe(new ResolvedTarget(RouteTargetKind.Agent, "support", 2, null));
        result.Reasons[0].ShouldContain("'first'");
        result.Reasons[0].ShouldContain("does not match exactly 100");
        result.Reasons[1].ShouldContain("'early'");
        result.Reasons[2].ShouldContain("'late'");
        result.Reasons[2].ShouldContain("matched");
        result.Explanation.ShouldContain("agent support published version 2");
    }

    [Fact]
    public void Evaluate_CallerAndTrunkConditions_Apply()
    {
        var route = NewRoute("vip", 1, Called(NumberMatchKind.Prefix, ""), AgentTarget("sales")) with
        {
            Match = new RouteMatch(Called(NumberMatchKind.Prefix, ""), Called(NumberMatchKind.Pattern, "+4420XXXXXXXX"), "carrier-a"),
        };
        var snapshot = Snapshot([route]);

        RouteEvaluator.Evaluate(snapshot, new RouteQuery("+442071234567", "100", "carrier-a", s_wednesdayMorning), new Random(1)).Route.ShouldNotBeNull();
        RouteEvaluator.Evaluate(snapshot, new RouteQuery("+442071234567", "100", "carrier-b", s_wednesdayMorning), new Random(1)).Explanation.ShouldContain("trunk carrier-b is not carrier-a");
        RouteEvaluator.Evaluate(snapshot, new RouteQuery("+33142", "100", "carrier-a", s_wednesdayMorning), new Random(1)).Explanation.ShouldContain("caller +33142 does not match");
    }

    [Fact]
    public void Evaluate_TimeWindowsInTheRoutesZone_AndHolidays()
    {
        var hours = NewRoute("office", 1, Called(NumberMatchKind.Exact, "100"), AgentTarget("sales")) with
        {
            TimeZone = "Europe/Paris",
            TimeWindows = [new TimeWindow([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], "09:00", "17:00")],
            Holidays = [new DateOnly(2026, 12, 25)],
        };
        var night = NewRoute("night", 2, Called(NumberMatchKind.Exact, "100"), QueueTarget("night-desk"));
        var snapshot = Snapshot([hours, night]);

        RouteEvaluator.Evaluate(snapshot, new RouteQuery("1", "100", null, s_wednesdayMorning), new Random(1)).Route!.Id.ShouldBe("office");

        // 16:30 UTC is 17:30 in Paris: past the window.
        var evening = RouteEvaluator.Evaluate(snapshot, new RouteQuery("1", "100", null, new DateTimeOffset(2026, 12, 2, 16, 30, 0, TimeSpan.Zero)), new Random(1));
        evening.Route!.Id.ShouldBe("night");
        evening.Reasons[0].ShouldContain("Wed 2026-12-02 17:30 Europe/Paris is outside its time windows");

        var christmas = RouteEvaluator.Evaluate(snapshot, new RouteQuery("1", "100", null, new DateTimeOffset(2026, 12, 25, 10, 0, 0, TimeSpan.Zero)), new Random(1));
        christmas.Route!.Id.ShouldBe("night");
        christmas.Reasons[0].ShouldContain("is a holiday");
        christmas.Target!.QueueId.ShouldBe("night-desk");
    }

    [Fact]
    public void Evaluate_WindowPastMidnight_BelongsToTheDayItStarts()
    {
        var route = NewRoute("overnight", 1, Called(NumberMatchKind.Exact, "100"), AgentTarget("sales")) with
        {
            TimeZone = "UTC",
            TimeWindows = [new TimeWindow([DayOfWeek.Friday], "22:00", "06:00")],
        };
        var snapshot = Snapshot([route]);

        RouteEvaluator.Evaluate(snapshot, new RouteQuery("1", "100", null, new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero)), new Random(1)).Route.ShouldNotBeNull(); // Friday 23:00
        RouteEvaluator.Evaluate(snapshot, new RouteQuery("1", "100", null, new DateTimeOffset(2026, 12, 5, 5, 0, 0, TimeSpan.Zero)), new Random(1)).Route.ShouldNotBeNull(); // Saturday 05:00
        RouteEvaluator.Evaluate(snapshot, new RouteQuery("1", "100", null, new DateTimeOffset(2026, 12, 5, 23, 0, 0, TimeSpan.Zero)), new Random(1)).Route.ShouldBeNull(); // Saturday 23:00
    }

    [Fact]
    public void Evaluate_CanaryWeights_SplitCallsByWeightOverPublishedVersions()
    {
        var route = NewRoute("canary", 1, Called(NumberMatchKind.Exact, "100"), new RouteTarget(RouteTargetKind.Agent, "sales", [new VersionWeight(1, 90), new VersionWeight(2, 10), new VersionWeight(7, 50)], null));
        var snapshot = Snapshot([route]);
        var random = new Random(42);
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < 10_000; i++)
        {
            var version = RouteEvaluator.Evaluate(snapshot, new RouteQuery("1", "100", null, s_wednesdayMorning), random).Target!.AgentVersion!.Value;
            counts[version] = counts.GetValueOrDefault(version) + 1;
        }

        // Version 7 is not published: it drops out, leaving 90:10.
        counts.Keys.Order().ShouldBe([1, 2]);
        counts[2].ShouldBeInRange(850, 1150);
    }

    [Fact]
    public void Evaluate_TargetUnavailable_FallbackTakenOrNoTarget()
    {
        var withFallback = NewRoute("a", 1, Called(NumberMatchKind.Exact, "100"), AgentTarget("draft-only")) with { Fallback = QueueTarget("support") };
        var without = NewRoute("b", 1, Called(NumberMatchKind.Exact, "200"), AgentTarget("missing"));
        var snapshot = Snapshot([withFallback, without]);

        var taken = RouteEvaluator.Evaluate(snapshot, new RouteQuery("1", "100", null, s_wednesdayMorning), new Random(1));
        taken.UsedFallback.ShouldBeTrue();
        taken.Target!.QueueId.ShouldBe("support");
        taken.Explanation.ShouldContain("agent draft-only has no published version");

        var none = RouteEvaluator.Evaluate(snapshot, new RouteQuery("1", "200", null, s_wednesdayMorning), new Random(1));
        none.Route!.Id.ShouldBe("b");
        none.Target.ShouldBeNull();
        none.Explanation.ShouldContain("agent missing does not exist");
    }

    [Fact]
    public void Evaluate_DisabledRoutesAndNoRoutes()
    {
        var disabled = NewRoute("off", 1, Called(NumberMatchKind.Exact, "100"), AgentTarget("sales")) with { Enabled = false };
        RouteEvaluator.Evaluate(Snapshot([disabled]), new RouteQuery("1", "100", null, s_wednesdayMorning), new Random(1)).Explanation.ShouldBe("no routes");
        RouteEvaluator.Evaluate(Snapshot([NewRoute("x", 1, Called(NumberMatchKind.Exact, "9"), AgentTarget("sales"))]), new RouteQuery("1", "100", null, s_wednesdayMorning), new Random(1))
            .Reasons[^1].ShouldBe("no route matched");
    }

    private static DialplanSnapshot Snapshot(IEnumerable<Route> routes) => new(
        routes,
        new Dictionary<string, (int? Current, IReadOnlySet<int> Published)>
        {
            ["sales"] = (1, new HashSet<int> { 1, 2 }),
            ["support"] = (2, new HashSet<int> { 2 }),
            ["draft-only"] = (null, new HashSet<int>()),
        },
        new HashSet<string> { "support", "night-desk" });

    private static Route NewRoute(string id, int priority, NumberMatch called, RouteTarget target) =>
        new(id, id, priority, true, new RouteMatch(called, null, null), [], "UTC", [], target, null, 1);

    private static NumberMatch Called(NumberMatchKind kind, string value) => new(kind, value);

    private static RouteTarget AgentTarget(string agent) => new(RouteTargetKind.Agent, agent, null, null);

    private static RouteTarget QueueTarget(string queue) => new(RouteTargetKind.Queue, null, null, queue);
}
