using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Softswitch.Interop.Tests.Infrastructure;

/// <summary>
/// A baresip 1.0.0 user agent on loopback, configured from a generated folder (<c>-f</c>): SIP on <see cref="SipPort"/>, audio in
/// from a WAV file (<c>aufile</c>), audio out discarded (<c>aubridge</c>) and recorded both ways (<c>sndfile</c>), the codec
/// modules and extra modules (<c>srtp</c>) of <see cref="BaresipOptions"/>, and a command console (<c>cons</c>) on
/// <see cref="ConsolePort"/> that takes <c>/dial</c>, <c>/hangup</c>, <c>/quit</c> and key presses.
/// baresip quits by itself after <see cref="BaresipOptions.MaxRuntime"/> (<c>-t</c>), and disposing kills it.
/// </summary>
internal sealed class BaresipRunner : IDisposable
{
    /// <summary>The baresip program.</summary>
    public const string Program = "baresip";

    /// <summary>Where Debian installs baresip's modules.</summary>
    public const string ModulePath = "/usr/lib/baresip/modules";

    private const int RtpPortCount = 20;
    private const int MaxDirectoryLength = 88;
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(15);

    // baresip's KEYCODE_REL: the menu module ends the pressed key's RFC 4733 event on it.
    private static readonly byte[] s_keyRelease = [0x04];

    private readonly PeerProcess _process;

    private BaresipRunner(PeerProcess process, string directory, int sipPort, int consolePort)
    {
        _process = process;
        Directory = directory;
        SipPort = sipPort;
        ConsolePort = consolePort;
    }

    /// <summary>The folder holding the config, the log and the recordings.</summary>
    public string Directory { get; }

    /// <summary>baresip's SIP port on 127.0.0.1 (UDP and TCP).</summary>
    public int SipPort { get; }

    /// <summary>baresip's own URI, to call it.</summary>
    public string Uri => $"sip:baresip@127.0.0.1:{SipPort}";

    /// <summary>The <c>cons</c> command port on 127.0.0.1.</summary>
    public int ConsolePort { get; }

    /// <summary>The process, for its output and log.</summary>
    public PeerProcess Process => _process;

    /// <summary>Folder of the <c>sndfile</c> recordings.</summary>
    public string RecordingsDirectory => Path.Combine(Directory, "rec");

    /// <summary>The newest recording of received audio (<c>dump-*-dec.wav</c>), or null.</summary>
    public string? ReceivedAudioFile => LatestRecording("dec");

    /// <summary>The newest recording of sent audio (<c>dump-*-enc.wav</c>), or null.</summary>
    public string? SentAudioFile => LatestRecording("enc");

    /// <summary>Writes the config, starts baresip and waits until it is ready for commands.</summary>
    /// <param name="options">How to configure it.</param>
    /// <param name="workDirectory">The test's temporary folder; baresip gets a subfolder.</param>
    /// <param name="cancellationToken">Abandons the start; baresip is killed.</param>
    public static async Task<BaresipRunner> StartAsync(BaresipOptions options, string workDirectory, CancellationToken cancellationToken)
    {
        var ports = FreePorts.GetUdpAndTcpPorts(2);
        var (sipPort, consolePort) = (ports[0], ports[1]);
        var directory = Path.Combine(workDirectory, $"baresip-{sipPort}");
        if (options.Record && directory.Length > MaxDirectoryLength)
        {
            // sndfile builds "<snd_path>/dump-<date>-<dir>.wav" in a fixed buffer and silently truncates longer paths.
            throw new ArgumentException($"Recordings need a folder path under {MaxDirectoryLength} characters: {directory}", nameof(workDirectory));
        }

        System.IO.Directory.CreateDirectory(Path.Combine(directory, "rec"));
        WriteConfig(options, directory, sipPort, consolePort);

        var seconds = (int)Math.Ceiling(options.MaxRuntime.TotalSeconds);
        List<string> arguments = ["-f", directory, "-t", seconds.ToString(CultureInfo.InvariantCulture)];
        if (options.DialOnStart is { } uri)
        {
            arguments.AddRange(["-e", $"/dial {uri}"]);
        }

        var process = PeerProcess.Start(Program, arguments, directory, options.MaxRuntime + TimeSpan.FromSeconds(10), "baresip.log");
        var runner = new BaresipRunner(process, directory, sipPort, consolePort);
        try
        {
            if (!await process.WaitForOutputAsync("baresip is ready.", s_readyTimeout, cancellationToken))
            {
                throw new InvalidOperationException($"baresip did not become ready; see {process.LogPath}:\n{process.Output}");
            }

            return runner;
        }
        catch
        {
            runner.Dispose();
            throw;
        }
    }

    /// <summary>Places a call (<c>/dial</c>).</summary>
    /// <param name="uri">The SIP URI to call, for example <c>sip:agent@127.0.0.1:5060</c>.</param>
    /// <param name="cancellationToken">Abandons sending the command.</param>
    public Task DialAsync(string uri, CancellationToken cancellationToken) => SendCommandAsync($"/dial {uri}", cancellationToken);

    /// <summary>Hangs up the current call (<c>/hangup</c>).</summary>
    /// <param name="cancellationToken">Abandons sending the command.</param>
    public Task HangupAsync(CancellationToken cancellationToken) => SendCommandAsync("/hangup", cancellationToken);

    /// <summary>Asks baresip to exit (<c>/quit</c>).</summary>
    /// <param name="cancellationToken">Abandons sending the command.</param>
    public Task QuitAsync(CancellationToken cancellationToken) => SendCommandAsync("/quit", cancellationToken);

    /// <summary>
    /// Presses keys during the call as a user at the console would: each digit is typed (the <c>menu</c> module sends it with
    /// <c>call_send_digit</c>, RFC 4733 events while the key is down), held for <paramref name="hold"/>, then released with
    /// baresip's key-release code (0x04, <c>KEYCODE_REL</c>, which sends the event's end packets), and followed by
    /// <paramref name="gap"/> of silence. All keys go over one console connection so the timing is the test's.
    /// </summary>
    /// <param name="digits">Keys: 0-9, * and #.</param>
    /// <param name="hold">How long each key is held.</param>
    /// <param name="gap">Pause after each release.</param>
    /// <param name="cancellationToken">Abandons the key presses.</param>
    public async Task PressKeysAsync(string digits, TimeSpan hold, TimeSpan gap, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(IPAddress.Loopback, ConsolePort, cancellationToken);
        var stream = client.GetStream();
        foreach (var digit in digits)
        {
            await stream.WriteAsync(new[] { (byte)digit }, cancellationToken);
            await Task.Delay(hold, cancellationToken);
            await stream.WriteAsync(s_keyRelease, cancellationToken);
            await Task.Delay(gap, cancellationToken);
        }
    }

    /// <summary>Waits for "Call established".</summary>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task<bool> WaitForCallEstablishedAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _process.WaitForOutputAsync("Call established", timeout, cancellationToken);

    /// <summary>
    /// Waits for the call to end: "Call with ... terminated" when the far end hangs up or the call fails, or "terminate call"
    /// when baresip hangs up itself (<c>/hangup</c>, end of the audio file); baresip 1.0.0 prints only the latter then.
    /// </summary>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task<bool> WaitForCallClosedAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _process.WaitForAnyOutputAsync([" terminated (duration", "call: terminate call"], timeout, cancellationToken);

    /// <summary>Waits for baresip to exit (after <c>/quit</c> or its <c>-t</c> limit).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The exit code.</returns>
    public Task<int> WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Kills baresip if it still runs.</summary>
    public void Dispose() => _process.Dispose();

    private async Task SendCommandAsync(string command, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(IPAddress.Loopback, ConsolePort, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\n"), cancellationToken);
        await stream.FlushAsync(cancellationToken);

        // Give the console a moment to take the command before the connection goes; its reply is in the log.
        var buffer = new byte[4096];
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linger.CancelAfter(TimeSpan.FromMilliseconds(300));
        try
        {
            while (await stream.ReadAsync(buffer, linger.Token) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    private string? LatestRecording(string direction)
    {
        var files = System.IO.Directory.GetFiles(RecordingsDirectory, $"dump-*-{direction}.wav");
        return files.Length == 0 ? null : files.OrderBy(File.GetLastWriteTimeUtc).Last();
    }

    private static void WriteConfig(BaresipOptions options, string directory, int sipPort, int consolePort)
    {
        var source = options.AudioSource;
        if (source is null)
        {
            source = Path.Combine(directory, "silence.wav");
            Softswitch.Media.Recording.WavFile.Write(source, options.SampleRate, 1, new short[(int)(options.MaxRuntime.TotalSeconds * options.SampleRate)]);
        }

        // An even base port with room for RTP and RTCP pairs; baresip picks within the range and skips taken ports.
        var rtpMin = Math.Min(FreePorts.GetUdpPort() & ~1, 65534 - RtpPortCount);
        var config = new StringBuilder()
            .AppendLine("poll_method\tepoll")
            .AppendLine(CultureInfo.InvariantCulture, $"sip_listen\t127.0.0.1:{sipPort}")
            .AppendLine("net_interface\t127.0.0.1")
            .AppendLine(CultureInfo.InvariantCulture, $"audio_source\taufile,{Path.GetFullPath(source)}")
            .AppendLine("audio_player\taubridge,discard")
            .AppendLine("audio_alert\taubridge,discard")
            .AppendLine(CultureInfo.InvariantCulture, $"ausrc_srate\t{options.SampleRate}")
            .AppendLine("ausrc_channels\t1")
            .AppendLine("audio_level\tno")
            .AppendLine(CultureInfo.InvariantCulture, $"rtp_ports\t{rtpMin}-{rtpMin + RtpPortCount}")
            .AppendLine(CultureInfo.InvariantCulture, $"module_path\t{ModulePath}");
        foreach (var codec in options.CodecModules)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"module\t{codec}.so");
        }

        foreach (var module in options.ExtraModules)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"module\t{module}.so");
        }

        config.AppendLine("module\taufile.so").AppendLine("module\taubridge.so");
        if (options.Record)
        {
            config.AppendLine("module\tsndfile.so")
                .AppendLine(CultureInfo.InvariantCulture, $"snd_path\t{Path.Combine(directory, "rec")}");
        }

        config.AppendLine("module\tcons.so")
            .AppendLine(CultureInfo.InvariantCulture, $"cons_listen\t127.0.0.1:{consolePort}")
            .AppendLine("module_app\taccount.so")
            .AppendLine("module_app\tmenu.so");

        File.WriteAllText(Path.Combine(directory, "config"), config.ToString());
        File.WriteAllText(Path.Combine(directory, "accounts"), $"<sip:{options.User}@127.0.0.1>;regint=0;answermode=auto{options.AccountParameters}\n");
        File.WriteAllText(Path.Combine(directory, "contacts"), "");
    }
}
