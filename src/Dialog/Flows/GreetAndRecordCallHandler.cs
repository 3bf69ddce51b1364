using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Softswitch.Gateway.Calls;
using Softswitch.Media.Tts;

namespace Softswitch.Dialog.Flows;

/// <summary>
/// The embedded default flow: ring, answer, play a greeting spoken by espeak-ng, and record what the caller says to a WAV file
/// in the recordings folder until either side hangs up. The greeting is synthesized once and shared by every call.
/// </summary>
public sealed partial class GreetAndRecordCallHandler : ICallHandler
{
    private readonly DialogOptions _options;
    private readonly ILogger<GreetAndRecordCallHandler> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Lazy<short[]> _greeting;

    /// <summary>Creates the flow; the greeting is synthesized on first use.</summary>
    public GreetAndRecordCallHandler(IOptions<DialogOptions> options, ILogger<GreetAndRecordCallHandler> logger, TimeProvider timeProvider)
    {
        _options = options.Value;
        _logger = logger;
        _timeProvider = timeProvider;
        _greeting = new Lazy<short[]>(() => new EspeakSynthesizer(_options.Voice).Synthesize16k(_options.Greeting), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The greeting audio, 16 kHz mono (synthesized on first use).</summary>
    public ReadOnlySpan<short> Greeting => _greeting.Value;

    /// <inheritdoc/>
    public async Task HandleCallAsync(ICall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var greeting = _greeting.Value;
        CallRecorder? recorder = null;
        try
        {
            if (_options.Record)
            {
                Directory.CreateDirectory(_options.RecordingsDirectory);
                var path = Path.Combine(_options.RecordingsDirectory, RecordingName(call));
                recorder = new CallRecorder(path);
                call.Media.AudioSink = recorder;
            }

            await call.RingAsync(cancellationToken).ConfigureAwait(false);
            if (_options.RingTime > TimeSpan.Zero)
            {
                await Task.Delay(_options.RingTime, _timeProvider, cancellationToken).ConfigureAwait(false);
            }

            if (!await call.AnswerAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            call.Media.Enqueue(greeting);
            if (recorder is not null)
            {
                Log.Recording(_logger, call.CallId, recorder.Path);
            }

            await call.Completion.ConfigureAwait(false); // the call ends (and cancellationToken fires) on either side's hang-up
        }
        finally
        {
            if (recorder is not null)
            {
                call.Media.AudioSink = null;
                recorder.Dispose();
            }
        }
    }

    private string RecordingName(ICall call)
    {
        var safe = new string(call.CallId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(64).ToArray());
        return _timeProvider.GetUtcNow().ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "_" + safe + ".wav";
    }

    private static partial class Log
    {
        [LoggerMessage(3000, LogLevel.Debug, "Call {CallId}: recording the caller to {Path}")]
        public static partial void Recording(ILogger logger, string callId, string path);
    }
}
