using Shouldly;
using Softswitch.Admin.Model;
using Softswitch.Admin.Persistence;
using Softswitch.Admin.Tests.Infrastructure;
using Xunit;

namespace Softswitch.Admin.Tests.Persistence;

public abstract partial class RepositoryTestSuite
{
    private static readonly TimeSpan s_writeTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Writer_Enqueue_WritesCallsEventsAndTranscripts()
    {
        using var writer = Writer(Factory);
        await writer.StartAsync(CancellationToken.None);
        var at = Ms(Samples.Epoch);

        writer.Enqueue(Samples.Call("w1", at) with { Outcome = CallOutcomes.InProgress }).ShouldBeTrue();
        writer.Enqueue(new CallEventRecord("w1", 1, at, "invite", "{}")).ShouldBeTrue();
        writer.Enqueue(new TranscriptEntry("w1", 1, at, Speaker.Agent, "Hello", true)).ShouldBeTrue();
        writer.Enqueue(Samples.Call("w1", at)).ShouldBeTrue();

        (await Eventually.TrueAsync(
            async () => (await Calls.GetAsync("w1", CancellationToken.None))?.Outcome == CallOutcomes.Answered
                && (await Calls.ListEventsAsync("w1", CancellationToken.None)).Count == 1
                && (await Calls.ListTranscriptAsync("w1", CancellationToken.None)).Count == 1,
            s_writeTimeout)).ShouldBeTrue();
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Writer_QueueFull_ReturnsFalseWithoutThrowingOrWaiting()
    {
        using var writer = Writer(Factory, capacity: 2);

        writer.Enqueue(Samples.Call("f1", Samples.Epoch)).ShouldBeTrue();
        writer.Enqueue(Samples.Call("f2", Samples.Epoch)).ShouldBeTrue();
        writer.Enqueue(Samples.Call("f3", Samples.Epoch)).ShouldBeFalse();
        writer.Enqueue(new CallEventRecord("f3", 1, Samples.Epoch, "invite", "{}")).ShouldBeFalse();

        writer.QueuedCount.ShouldBe(2);
    }

    [Fact]
    public async Task Writer_DatabaseOutage_WritesEverythingOnceItIsBack()
    {
        var at = Ms(Samples.Epoch);
        await using var outage = await BeginOutageAsync();
        using var writer = Writer(outage.Factory);
        await writer.StartAsync(CancellationToken.None);

        for (var i = 0; i < 20; i++)
        {
            writer.Enqueue(Samples.Call($"o{i}", at.AddSeconds(i))).ShouldBeTrue();
            writer.Enqueue(new CallEventRecord($"o{i}", 1, at, "invite", "{}")).ShouldBeTrue();
            writer.Enqueue(new TranscriptEntry($"o{i}", 1, at, Speaker.Caller, "hi", true)).ShouldBeTrue();
        }

        // Several failed attempts while the database is away.
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        await outage.EndAsync();

        (await Eventually.TrueAsync(
            async () =>
            {
                if ((await Calls.QueryAsync(new CallHistoryQuery(Limit: 100), CancellationToken.None)).Calls.Count != 20)
                {
                    return false;
                }

                for (var i = 0; i < 20; i++)
                {
                    if ((await Calls.ListEventsAsync($"o{i}", CancellationToken.None)).Count != 1
                        || (await Calls.ListTranscriptAsync($"o{i}", CancellationToken.None)).Count != 1)
                    {
                        return false;
                    }
                }

                return true;
            },
            s_writeTimeout)).ShouldBeTrue("not every call record reached the database after the outage");
        for (var i = 0; i < 20; i++)
        {
            (await Calls.GetAsync($"o{i}", CancellationToken.None)).ShouldBe(Samples.Call($"o{i}", at.AddSeconds(i)));
        }

        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Writer_RecordRejectedByDatabase_DropsOnlyThatRecord()
    {
        var at = Ms(Samples.Epoch);
        using var writer = Writer(Factory);
        writer.Enqueue(Samples.Call("good-1", at)).ShouldBeTrue();
        writer.Enqueue(Samples.Call("bad", at) with { Outcome = null! }).ShouldBeTrue();
        writer.Enqueue(Samples.Call("good-2", at)).ShouldBeTrue();

        await writer.StartAsync(CancellationToken.None);

        (await Eventually.TrueAsync(
            async () => (await Calls.GetAsync("good-1", CancellationToken.None)) is not null
                && (await Calls.GetAsync("good-2", CancellationToken.None)) is not null,
            s_writeTimeout)).ShouldBeTrue();
        (await Calls.GetAsync("bad", CancellationToken.None)).ShouldBeNull();
        await writer.StopAsync(CancellationToken.None);
    }
}
