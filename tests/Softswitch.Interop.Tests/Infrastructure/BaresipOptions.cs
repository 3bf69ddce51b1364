namespace Softswitch.Interop.Tests.Infrastructure;

/// <summary>How to start a baresip user agent for a test.</summary>
internal sealed record BaresipOptions
{
    /// <summary>
    /// WAV file sent as the microphone (module <c>aufile</c>): 16-bit signed mono at <see cref="SampleRate"/>. baresip hangs up
    /// when the file ends, so its length bounds the call. Defaults to <c>null</c>: 60 s of silence, generated.
    /// </summary>
    public string? AudioSource { get; init; }

    /// <summary>
    /// Sample rate of the audio source (<c>ausrc_srate</c>); baresip resamples it to the codec's rate (16000 suits G.722 and
    /// Opus). Defaults to 8000 Hz (G.711).
    /// </summary>
    public int SampleRate { get; init; } = 8000;

    /// <summary>Record what is received and sent (module <c>sndfile</c>: <c>dump-*-dec.wav</c> and <c>dump-*-enc.wav</c>). Defaults to true.</summary>
    public bool Record { get; init; } = true;

    /// <summary>URI dialled once baresip is ready (<c>-e "/dial uri"</c>); null to dial later with <see cref="BaresipRunner.DialAsync"/>.</summary>
    public string? DialOnStart { get; init; }

    /// <summary>Audio codec modules to load. Defaults to <c>g711</c> (PCMU and PCMA).</summary>
    public IReadOnlyList<string> CodecModules { get; init; } = ["g711"];

    /// <summary>
    /// Further modules to load, e.g. <c>srtp</c> (SDES media encryption, used when the account asks for it with
    /// <see cref="AccountParameters"/>). Defaults to none.
    /// </summary>
    public IReadOnlyList<string> ExtraModules { get; init; } = [];

    /// <summary>
    /// Parameters appended to the account line after <c>;regint=0;answermode=auto</c>, each with its leading <c>;</c>, e.g.
    /// <c>;mediaenc=srtp-mand</c> (RTP/SAVP with SDES keys, plain RTP refused) or <c>;audio_codecs=PCMA/8000</c> (offer only
    /// these codecs). Defaults to none.
    /// </summary>
    public string AccountParameters { get; init; } = "";

    /// <summary>User part of baresip's own account, <c>sip:user@127.0.0.1</c>. Defaults to <c>baresip</c>.</summary>
    public string User { get; init; } = "baresip";

    /// <summary>Longest baresip may run: passed as <c>-t</c> and enforced by the harness. Defaults to 60 s.</summary>
    public TimeSpan MaxRuntime { get; init; } = TimeSpan.FromSeconds(60);
}
