using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Softswitch.Media.Dtmf;

/// <summary>
/// The 4-byte payload of an RFC 4733 <c>telephone-event</c> RTP packet
/// (<see href="https://www.rfc-editor.org/rfc/rfc4733#section-2.3"/>): event code, E (end) bit, volume and duration.
/// Read from and written to spans without allocating. The R bit is ignored on read and written as zero.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     event     |E|R| volume    |          duration             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly struct TelephoneEvent
{
    /// <summary>Length of one event payload in bytes (RFC 4733 §2.3).</summary>
    public const int Length = 4;

    /// <summary>Largest value of the duration field; longer events are sent in segments (RFC 4733 §2.5.1.3).</summary>
    public const int MaxDuration = 0xFFFF;

    /// <summary>Largest volume value: the power level is -63 dBm0 (RFC 4733 §2.3.4).</summary>
    public const int MaxVolume = 63;

    /// <summary>Highest event code that is a DTMF key (RFC 4733 §3.2: 0-9, *, #, A-D are 0-15).</summary>
    public const int MaxDtmfEvent = 15;

    // Event codes 0-15 in order (RFC 4733 §3.2).
    private const string DtmfKeys = "0123456789*#ABCD";

    /// <summary>Creates an event payload to write.</summary>
    /// <param name="eventCode">The event code, 0-255 (0-15 are the DTMF keys).</param>
    /// <param name="end">The E bit: this packet reports the end of the event.</param>
    /// <param name="volume">Power level of the tone in -dBm0, 0-63 (RFC 4733 §2.3.4).</param>
    /// <param name="duration">Duration so far, in RTP timestamp units, counted from the event's timestamp.</param>
    public TelephoneEvent(int eventCode, bool end, int volume, int duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(eventCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(eventCode, byte.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegative(volume);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volume, MaxVolume);
        ArgumentOutOfRangeException.ThrowIfNegative(duration);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(duration, MaxDuration);
        EventCode = (byte)eventCode;
        End = end;
        Volume = (byte)volume;
        Duration = (ushort)duration;
    }

    private TelephoneEvent(byte eventCode, byte flags, ushort duration)
    {
        EventCode = eventCode;
        End = (flags & 0x80) != 0;
        Volume = (byte)(flags & 0x3F);
        Duration = duration;
    }

    /// <summary>The event code (RFC 4733 §2.3.1); 0-15 are the DTMF keys.</summary>
    public byte EventCode { get; }

    /// <summary>The E bit: the event has ended (RFC 4733 §2.3.2).</summary>
    public bool End { get; }

    /// <summary>Power level in -dBm0, 0-63 (RFC 4733 §2.3.4).</summary>
    public byte Volume { get; }

    /// <summary>Duration of the event so far in RTP timestamp units (RFC 4733 §2.3.5).</summary>
    public ushort Duration { get; }

    /// <summary>Whether <see cref="EventCode"/> is one of the 16 DTMF keys.</summary>
    public bool IsDtmf => EventCode <= MaxDtmfEvent;

    /// <summary>Reads an event payload. Never throws: a payload shorter than <see cref="Length"/> returns false.</summary>
    /// <param name="payload">The RTP payload; bytes after the first four are ignored.</param>
    /// <param name="value">The event read.</param>
    /// <returns>True when the payload holds an event.</returns>
    public static bool TryRead(ReadOnlySpan<byte> payload, out TelephoneEvent value)
    {
        if (payload.Length < Length)
        {
            value = default;
            return false;
        }

        value = new TelephoneEvent(payload[0], payload[1], BinaryPrimitives.ReadUInt16BigEndian(payload.Slice(2)));
        return true;
    }

    /// <summary>Writes the 4-byte payload.</summary>
    /// <param name="destination">At least <see cref="Length"/> bytes.</param>
    /// <returns>The number of bytes written (<see cref="Length"/>).</returns>
    public int Write(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            ThrowDestinationTooShort();
        }

        destination[0] = EventCode;
        destination[1] = (byte)((End ? 0x80 : 0) | Volume);
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2), Duration);
        return Length;
    }

    /// <summary>The key of a DTMF event code.</summary>
    /// <param name="eventCode">An event code.</param>
    /// <param name="digit">'0'-'9', '*', '#' or 'A'-'D' for codes 0-15.</param>
    /// <returns>False for codes above 15 (flash, line events, ...).</returns>
    public static bool TryGetDigit(int eventCode, out char digit)
    {
        if ((uint)eventCode > MaxDtmfEvent)
        {
            digit = '\0';
            return false;
        }

        digit = DtmfKeys[eventCode];
        return true;
    }

    /// <summary>The event code of a DTMF key.</summary>
    /// <param name="digit">'0'-'9', '*', '#', 'A'-'D' (lower case 'a'-'d' accepted).</param>
    /// <param name="eventCode">0-15.</param>
    /// <returns>False when <paramref name="digit"/> is not a DTMF key.</returns>
    public static bool TryGetEventCode(char digit, out byte eventCode)
    {
        int code = digit switch
        {
            >= '0' and <= '9' => digit - '0',
            '*' => 10,
            '#' => 11,
            >= 'A' and <= 'D' => 12 + (digit - 'A'),
            >= 'a' and <= 'd' => 12 + (digit - 'a'),
            _ => -1,
        };
        eventCode = (byte)Math.Max(code, 0);
        return code >= 0;
    }

    /// <summary>Whether <paramref name="digit"/> is a DTMF key ('0'-'9', '*', '#', 'A'-'D', or 'a'-'d').</summary>
    /// <param name="digit">A character.</param>
    /// <returns>True for the 16 keys.</returns>
    public static bool IsDtmfDigit(char digit) => TryGetEventCode(digit, out _);

    [DoesNotReturn]
    private static void ThrowDestinationTooShort() => throw new ArgumentException("The destination is shorter than the 4-byte telephone-event payload.", "destination");
}
