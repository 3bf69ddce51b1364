namespace Softswitch.Media.Dtmf;

/// <summary>How a DTMF digit reached us.</summary>
public enum DtmfSource
{
    /// <summary>RFC 4733 telephone-event RTP packets.</summary>
    Rfc4733,

    /// <summary>A SIP INFO request (<c>application/dtmf-relay</c> or <c>application/dtmf</c>).</summary>
    SipInfo,

    /// <summary>Tones in the audio, found by the in-band detector.</summary>
    InBand,
}

/// <summary>One key press: the digit (0-9, *, #, A-D), how long it was held, and how it arrived.</summary>
/// <param name="Digit">The key: '0'-'9', '*', '#', 'A'-'D'.</param>
/// <param name="Duration">How long the key was held.</param>
/// <param name="Source">How the digit arrived.</param>
public readonly record struct DtmfDigit(char Digit, TimeSpan Duration, DtmfSource Source);
