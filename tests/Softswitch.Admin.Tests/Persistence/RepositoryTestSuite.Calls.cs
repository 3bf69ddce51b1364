using Shouldly;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Xunit;

namespace Softswitch.Admin.Tests.Persistence;

public abstract partial class RepositoryTestSuite
{
    [Fact]
    public async Task UpsertCall_NewThenChanged_GetReturnsLatest()
    {
        var started = Ms(Samples.Epoch);
        var ringing = Samples.Call("c1", started) with { AnsweredAt = null, EndedAt = null, Outcome = CallOutcomes.InProgress, Mos = null };
        await Calls.UpsertAsync(ringing, CancellationToken.None);
        (await Calls.GetAsync("c1", CancellationToken.None)).ShouldBe(ringing);

        var ended = Samples.Call("c1", started);
        await Calls.UpsertAsync(ended, CancellationToken.None);

        (await Calls.GetAsync("c1", CancellationToken.None)).ShouldBe(ended);
        (await Calls.GetAsync("c2", CancellationToken.None)).ShouldBeNull();
        (await Calls.QueryAsync(new CallHistoryQuery(), CancellationToken.None)).Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task AppendEventsAndTranscript_Twice_StoredOnceInSequence()
    {
        var at = Ms(Samples.Epoch);
        CallEventRecord[] events =
        [
            new("c1", 2, at.AddSeconds(2), "answered", "{\"status\":200}"),
            new("c1", 1, at, "invite", "{\"from\":\"+4915112345678\"}"),
            new("c2", 1, at, "invite", "{}"),
        ];
        TranscriptEntry[] lines =
        [
            new("c1", 1, at.AddSeconds(3), Speaker.Agent, "Hello, how can I help?", true),
            new("c1", 2, at.AddSeconds(5), Speaker.Caller, "I'd like to book a table", false),
        ];

        await Calls.AppendEventsAsync(events, CancellationToken.None);
        await Calls.AppendEventsAsync(events, CancellationToken.None);
        await Calls.AppendTranscriptAsync(lines, CancellationToken.None);
        await Calls.AppendTranscriptAsync(lines, CancellationToken.None);
        await Calls.AppendEventsAsync([], CancellationToken.None);

        (await Calls.ListEventsAsync("c1", CancellationToken.None)).ShouldBe([events[1], events[0]]);
        (await Calls.ListTranscriptAsync("c1", CancellationToken.None)).ShouldBe(lines);
        (await Calls.ListTranscriptAsync("c2", CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task QueryHistory_EachFilter_ReturnsOnlyMatches()
    {
        var t = Ms(Samples.Epoch);
        await Calls.UpsertAsync(Samples.Call("a", t, from: "+4915100000001", to: "+493011111"), CancellationToken.None);
        await Calls.UpsertAsync(Samples.Call("b", t.AddMinutes(1), from: "+4417000000002", outcome: CallOutcomes.Busy, agentId: null), CancellationToken.None);
        await Calls.UpsertAsync(Samples.Call("c", t.AddMinutes(2), trunkId: "carrier-b", direction: CallDirection.Outbound, to: "100%_off"), CancellationToken.None);
        await Calls.UpsertAsync(Samples.Call("d", t.AddMinutes(3), agentId: "bob", outcome: CallOutcomes.NoAnswer), CancellationToken.None);

        async Task<string[]> Ids(CallHistoryQuery query) =>
            (await Calls.QueryAsync(query, CancellationToken.None)).Calls.Select(c => c.CallId).ToArray();

        (await Ids(new CallHistoryQuery())).ShouldBe(["d", "c", "b", "a"]);
        (await Ids(new CallHistoryQuery(From: t.AddMinutes(1), To: t.AddMinutes(3)))).ShouldBe(["c", "b"]);
        (await Ids(new CallHistoryQuery(Number: "4417"))).ShouldBe(["b"]);
        (await Ids(new CallHistoryQuery(Number: "3011111"))).ShouldBe(["a"]);
        (await Ids(new CallHistoryQuery(Number: "%_"))).ShouldBe(["c"]);
        (await Ids(new CallHistoryQuery(Outcome: CallOutcomes.Busy))).ShouldBe(["b"]);
        (await Ids(new CallHistoryQuery(AgentId: "bob"))).ShouldBe(["d"]);
        (await Ids(new CallHistoryQuery(TrunkId: "carrier-b"))).ShouldBe(["c"]);
        (await Ids(new CallHistoryQuery(Direction: CallDirection.Outbound))).ShouldBe(["c"]);
        (await Ids(new CallHistoryQuery(Direction: CallDirection.Inbound, AgentId: "ava", Outcome: CallOutcomes.Answered))).ShouldBe(["a"]);
        (await Ids(new CallHistoryQuery(Number: "nothing-like-this"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task QueryHistory_Pages_VisitEveryCallOnceNewestFirst()
    {
        var t = Ms(Samples.Epoch);
        var expected = new List<(DateTimeOffset At, string Id)>();
        for (var i = 0; i < 23; i++)
        {
            // Groups of three calls share a start time, so pages must break ties.
            var at = t.AddSeconds(i / 3);
            var id = $"call-{(i * 7) % 23:D2}";
            await Calls.UpsertAsync(Samples.Call(id, at, outcome: i % 2 == 0 ? CallOutcomes.Answered : CallOutcomes.Busy), CancellationToken.None);
            expected.Add((at, id));
        }

        var seen = new List<CallRecord>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Calls.QueryAsync(new CallHistoryQuery(Cursor: cursor, Limit: 5), CancellationToken.None);
            page.Calls.Count.ShouldBeLessThanOrEqualTo(5);
            seen.AddRange(page.Calls);
            cursor = page.NextCursor;
            pages++;
            pages.ShouldBeLessThan(10);
        }
        while (cursor is not null);

        pages.ShouldBe(5);
        seen.Select(c => c.CallId).Distinct().Count().ShouldBe(23);
        seen.Select(c => c.CallId).Order().ShouldBe(expected.Select(e => e.Id).Order());
        seen.Select(c => c.StartedAt).ShouldBe(seen.Select(c => c.StartedAt).OrderDescending());

        var busy = new List<string>();
        cursor = null;
        do
        {
            var page = await Calls.QueryAsync(new CallHistoryQuery(Outcome: CallOutcomes.Busy, Cursor: cursor, Limit: 4), CancellationToken.None);
            busy.AddRange(page.Calls.Select(c => c.CallId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        busy.Count.ShouldBe(11);
        busy.Distinct().Count().ShouldBe(11);
    }

    [Fact]
    public async Task QueryHistory_LimitOutOfRangeOrBadCursor_ClampedOrRejected()
    {
        for (var i = 0; i < 3; i++)
        {
            await Calls.UpsertAsync(Samples.Call($"c{i}", Ms(Samples.Epoch).AddSeconds(i)), CancellationToken.None);
        }

        var all = await Calls.QueryAsync(new CallHistoryQuery(Limit: 100_000), CancellationToken.None);
        var one = await Calls.QueryAsync(new CallHistoryQuery(Limit: 0), CancellationToken.None);

        all.Calls.Count.ShouldBe(3);
        all.NextCursor.ShouldBeNull();
        one.Calls.Count.ShouldBe(1);
        one.NextCursor.ShouldNotBeNull();
        await Should.ThrowAsync<ArgumentException>(() => Calls.QueryAsync(new CallHistoryQuery(Cursor: "not a cursor!"), CancellationToken.None));
        await Should.ThrowAsync<ArgumentException>(() => Calls.QueryAsync(new CallHistoryQuery(Cursor: "eHl6"), CancellationToken.None));
    }
}
