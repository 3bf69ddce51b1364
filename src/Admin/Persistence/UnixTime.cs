namespace Softswitch.Admin.Persistence;

/// <summary>Timestamps are stored as BIGINT unix milliseconds on both databases.</summary>
internal static class UnixTime
{
    public static long ToMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? ToMs(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? FromMs(long? value) => value is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
