namespace Softswitch.Media.Rtcp;

/// <summary>
/// Helpers for 64-bit NTP timestamps (seconds since 1900 in the upper 32 bits, fraction in the lower 32) and the 32-bit
/// "middle" short format used by LSR and DLSR (<see href="https://www.rfc-editor.org/rfc/rfc3550#section-4"/>).
/// </summary>
public static class NtpTime
{
    /// <summary>Seconds from the NTP epoch (1900-01-01) to the Unix epoch (1970-01-01).</summary>
    public const long UnixEpochOffsetSeconds = 2_208_988_800;

    /// <summary>Converts a wallclock instant to a 64-bit NTP timestamp.</summary>
    /// <param name="time">The instant.</param>
    /// <returns>The NTP timestamp.</returns>
    public static ulong FromDateTimeOffset(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + (UnixEpochOffsetSeconds * TimeSpan.TicksPerSecond);
        ulong seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        ulong fraction = ((ulong)(ticks % TimeSpan.TicksPerSecond) << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    /// <summary>The middle 32 bits of a 64-bit NTP timestamp, as carried in LSR (RFC 3550 §6.4.1).</summary>
    /// <param name="ntpTimestamp">The 64-bit NTP timestamp.</param>
    /// <returns>16 bits of seconds and 16 bits of fraction.</returns>
    public static uint Middle32(ulong ntpTimestamp) => (uint)(ntpTimestamp >> 16);

    /// <summary>Converts a duration to the 16.16 fixed-point short format of DLSR (units of 1/65536 s).</summary>
    /// <param name="duration">A non-negative duration under 65536 s.</param>
    /// <returns>The duration in units of 1/65536 s.</returns>
    public static uint ToShortFormat(TimeSpan duration) => (uint)((ulong)duration.Ticks * 65536 / TimeSpan.TicksPerSecond);

    /// <summary>Converts a 16.16 fixed-point short-format value (units of 1/65536 s) to a duration.</summary>
    /// <param name="value">The value in units of 1/65536 s.</param>
    /// <returns>The duration.</returns>
    public static TimeSpan FromShortFormat(uint value) => TimeSpan.FromTicks((long)((ulong)value * TimeSpan.TicksPerSecond / 65536));
}
