using System.Globalization;
using System.Runtime.InteropServices;
using Softswitch.Media.Native;

namespace Softswitch.Media.Codecs;

/// <summary>
/// <see cref="IAudioEncoder"/> for Opus (<see href="https://www.rfc-editor.org/rfc/rfc7587"/>) over libopus: mono, 16 kHz
/// input (no resampling; the RTP clock stays 48 kHz), <c>OPUS_APPLICATION_VOIP</c>, 20 ms frames. The remote fmtp decides
/// in-band FEC (<c>useinbandfec</c>), DTX (<c>usedtx</c>), the audio bandwidth (<c>maxplaybackrate</c>) and caps the bitrate
/// (<c>maxaveragebitrate</c>), per RFC 7587 §6.1; where it is silent, <see cref="CodecParameters"/> decides.
/// </summary>
internal sealed class OpusEncoder : IAudioEncoder
{
    private const int Rate = 16000;
    private const int FrameSamples = Rate / 50;

    private readonly OpusEncoderHandle _encoder;
    private int _appliedBandwidth;

    /// <summary>Creates an encoder.</summary>
    /// <param name="codec">The Opus codec description (<see cref="AudioCodecs.Opus"/>).</param>
    /// <param name="parameters">The remote fmtp and our settings.</param>
    /// <exception cref="DllNotFoundException">libopus.so.0 is missing (the message names the package).</exception>
    public OpusEncoder(AudioCodecInfo codec, CodecParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(parameters);
        if (codec.SampleRate != Rate)
        {
            CodecThrowHelper.ThrowWrongCodec(codec, "Opus at a 16 kHz sample rate");
        }

        var remote = parameters.RemoteFmtp;
        InbandFec = TryGetInt(remote, "useinbandfec", out int useFec) ? useFec == 1 && parameters.OpusInbandFec : parameters.OpusInbandFec;
        Dtx = TryGetInt(remote, "usedtx", out int useDtx) ? useDtx == 1 : parameters.OpusDtx;
        Bitrate = Math.Clamp(parameters.OpusBitrate, 6000, 510000);
        if (TryGetInt(remote, "maxaveragebitrate", out int maxAverage) && maxAverage >= 6000)
        {
            Bitrate = Math.Min(Bitrate, maxAverage);
        }

        MaxBandwidth = !TryGetInt(remote, "maxplaybackrate", out int maxPlayback) || maxPlayback > 12000
            ? Opus.BandwidthWideband
            : maxPlayback > 8000 ? Opus.BandwidthMediumband : Opus.BandwidthNarrowband;

        NativeLibraries.Load(NativeLibraries.Opus);
        _encoder = Opus.EncoderCreate(Rate, 1, Opus.ApplicationVoip, out int error);
        if (_encoder.IsInvalid || error != Opus.Ok)
        {
            _encoder.Dispose();
            CodecThrowHelper.ThrowInitFailed("opus_encoder_create", error);
        }

        Codec = codec;
        Control(Opus.SetSignalRequest, Opus.SignalVoice);
        Control(Opus.SetBitrateRequest, Bitrate);
        Control(Opus.SetMaxBandwidthRequest, MaxBandwidth);
        _appliedBandwidth = MaxBandwidth;
        Control(Opus.SetInbandFecRequest, InbandFec ? 1 : 0);
        Control(Opus.SetPacketLossPercRequest, Math.Clamp(parameters.OpusExpectedLossPercent, 0, 100));
        Control(Opus.SetDtxRequest, Dtx ? 1 : 0);
        Control(Opus.SetComplexityRequest, Math.Clamp(parameters.OpusComplexity, 0, 10));
        Opus.EncoderCtl(_encoder, Opus.GetLookaheadRequest, out int lookahead);
        Lookahead = lookahead;
    }

    /// <inheritdoc/>
    public AudioCodecInfo Codec { get; }

    /// <inheritdoc/>
    public int SampleRate => Rate;

    /// <summary>Whether in-band FEC (LBRR) is on.</summary>
    public bool InbandFec { get; }

    /// <summary>Whether DTX is on (<see cref="Encode"/> then returns 0 for frames that need not be sent).</summary>
    public bool Dtx { get; }

    /// <summary>The target bitrate in bit/s.</summary>
    public int Bitrate { get; }

    /// <summary>The <c>OPUS_BANDWIDTH_*</c> limit derived from <c>maxplaybackrate</c>.</summary>
    public int MaxBandwidth { get; }

    /// <summary>The encoder's algorithmic delay in samples at 16 kHz (<c>OPUS_GET_LOOKAHEAD</c>).</summary>
    public int Lookahead { get; }

    /// <inheritdoc/>
    /// <remarks>The frame must be 320 samples (20 ms at 16 kHz).</remarks>
    public int Encode(ReadOnlySpan<short> frame, Span<byte> payload)
    {
        if (frame.Length != FrameSamples)
        {
            CodecThrowHelper.ThrowFrameLength(frame.Length, "320 (20 ms at 16 kHz)");
        }

        int written = Opus.Encode(_encoder, ref MemoryMarshal.GetReference(frame), FrameSamples, ref MemoryMarshal.GetReference(payload), payload.Length);
        if (written < 0)
        {
            CodecThrowHelper.ThrowEncodeFailed("opus_encode", written);
        }

        // libopus: "If the return value is 2 bytes or less, then the packet does not need to be transmitted (DTX)."
        return Dtx && written <= 2 ? 0 : written;
    }

    /// <summary>The <c>OPUS_BANDWIDTH_*</c> the encoder codes now: <see cref="MaxBandwidth"/> or narrower for narrowband input.</summary>
    public int Bandwidth => _appliedBandwidth;

    /// <inheritdoc/>
    /// <remarks>
    /// Input from a narrowband leg (G.711, G.729: nothing above 4 kHz) is coded as narrowband Opus: SILK then works at 8 kHz
    /// internally, about a third less CPU per frame for the same sound (measured: 71 against 107 µs at complexity 5) (RFC 7587 lets the sender pick any bandwidth up to the
    /// receiver's <c>maxplaybackrate</c>, and the receiver decodes it at its own rate).
    /// </remarks>
    public void LimitInputBandwidth(int hertz)
    {
        int bandwidth = hertz <= 4000 ? Opus.BandwidthNarrowband : hertz <= 6000 ? Opus.BandwidthMediumband : Opus.BandwidthWideband;
        bandwidth = Math.Min(bandwidth, MaxBandwidth);
        if (bandwidth != _appliedBandwidth)
        {
            // SILK changes its internal rate mid-stream only slowly and in pauses (measured: not within 2 s of speech), so the
            // coding state starts afresh at the new band (settings kept). The far end hears at most one frame's discontinuity,
            // once, when a bridge forms or ends.
            Control(Opus.SetMaxBandwidthRequest, bandwidth);
            int result = Opus.EncoderCtl(_encoder, Opus.ResetStateRequest);
            if (result != Opus.Ok)
            {
                CodecThrowHelper.ThrowInitFailed("opus_encoder_ctl(OPUS_RESET_STATE)", result);
            }

            _appliedBandwidth = bandwidth;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _encoder.Dispose();

    private void Control(int request, int value)
    {
        int result = Opus.EncoderCtl(_encoder, request, value);
        if (result != Opus.Ok)
        {
            CodecThrowHelper.ThrowInitFailed("opus_encoder_ctl(" + request.ToString(CultureInfo.InvariantCulture) + ")", result);
        }
    }

    private static bool TryGetInt(IReadOnlyDictionary<string, string> fmtp, string name, out int value)
    {
        value = 0;
        return fmtp.TryGetValue(name, out string? text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
