using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Softswitch.Dialog.Routing;
using Softswitch.Gateway.Calls;
using Softswitch.Media.Recording;
using Softswitch.Media.Tts;

namespace Softswitch.Dialog.Flows;

/// <summary>
/// The embedded default flow: ring, answer, play a greeting spoken by espeak-ng, and record the call to a dual-channel WAV file
/// (caller left, gateway right) in the recordings folder until either side hangs up; digits the caller presses are logged and
/// kept on the call. The greeting is synthesized once and shared by every call.
/// </summary>
public sealed partial class GreetAndRecordCallHandler : ICallHandler
{
    private readonly DialogOptions _options;
    private readonly ILogger<GreetAndRecordCallHandler> _logger;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly Lazy<short[]> _greeting;

    // One synthesis per agent version (a record: same id, version, greeting and voice → same entry).
    private readonly ConcurrentDictionary<AgentProfile, Lazy<short[]>> _agentGreetings = new();

    /// <summary>Creates the flow; the greeting is synthesized on first use.</summary>
    public GreetAndRecordCallHandler(IOptions<DialogOptions> options, ILogger<GreetAndRecordCallHandler> logger, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        _options = options.Value;
        _logger = logger;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
        _greeting = new Lazy<short[]>(() => new EspeakSynthesizer(_options.Voice).Synthesize16k(_options.Greeting), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The greeting audio, 16 kHz mono (synthesized on first use).</summary>
    public ReadOnlySpan<short> Greeting => _greeting.Value;

    /// <inheritdoc/>
    public Task HandleCallAsync(ICall call, CancellationToken cancellationToken) => HandleCallAsync(call, agent: null, events: null, cancellationToken);

    /// <summary>
    /// Handles one call for <paramref name="agent"/>: its greeting in its voice (synthesized once per agent version), or the
    /// configured greeting when null; answering, keys and the end are reported to <paramref name="events"/>.
    /// </summary>
    /// <param name="call">The call.</param>
    /// <param name="agent">The agent version the call was routed to, or null for the embedded default.</param>
    /// <param name="events">Hears the answer and each key, or null.</param>
    /// <param name="cancellationToken">Cancelled when the gateway stops.</param>
    /// <returns>A task that completes when the call has ended.</returns>
    public async Task HandleCallAsync(ICall call, AgentProfile? agent, ICallEventSink? events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var greeting = agent is null ? _greeting.Value : GreetingOf(agent);
        CallRecording? recording = null;
        try
        {
            // An outbound call is answered by the callee: no ringing of ours before the greeting.
            await call.RingAsync(cancellationToken).ConfigureAwait(false);
            if (_options.RingTime > TimeSpan.Zero && !call.IsOutbound)
            {
                await Task.Delay(_options.RingTime, _timeProvider, cancellationToken).ConfigureAwait(false);
            }

            if (!await call.AnswerAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            events?.OnAnswered(call);

            if (_options.Record)
            {
                var path = RecordingPaths.For(_options.RecordingsDirectory, _timeProvider.GetUtcNow(), call.CallId);
                recording = new CallRecording(path, logger: _loggerFactory?.CreateLogger<CallRecording>());
                call.Media.Recording = recording; // one frame per channel every 20 ms from here on
                Log.Recording(_logger, call.CallId, recording.Path);
                events?.OnRecording(call, recording.Path);
            }

            call.Media.Enqueue(greeting);

            await foreach (var digit in call.Dtmf.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                Log.Digit(_logger, call.CallId, digit.Digit, (int)digit.Duration.TotalMilliseconds, digit.Source);
                events?.OnDigit(call, digit);
            }

            await call.Completion.ConfigureAwait(false); // the DTMF channel completes when the call ends, on either side's hang-up
        }
        finally
        {
            if (recording is not null)
            {
                call.Media.Recording = null;
                await recording.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private short[] GreetingOf(AgentProfile agent) =>
        _agentGreetings.GetOrAdd(agent, static (a, voice) => new Lazy<short[]>(
            () => new EspeakSynthesizer(string.IsNullOrEmpty(a.Voice) ? voice : a.Voice).Synthesize16k(a.Greeting),
            LazyThreadSafetyMode.ExecutionAndPublication), _options.Voice).Value;

    private static partial class Log
    {
        [LoggerMessage(3000, LogLevel.Debug, "Call {CallId}: recording to {Path}")]
        public static partial void Recording(ILogger logger, string callId, string path);

        [LoggerMessage(3001, LogLevel.Information, "Call {CallId}: caller pressed '{Digit}' ({DurationMs} ms, {Source})")]
        public static partial void Digit(ILogger logger, string callId, char digit, int durationMs, Softswitch.Media.Dtmf.DtmfSource source);
    }
}
