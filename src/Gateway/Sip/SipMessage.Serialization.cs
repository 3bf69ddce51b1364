using System.Text;

namespace Softswitch.Sip;

/// <summary>Serialisation (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-7"/>), allocation-free into a caller's buffer.</summary>
public abstract partial class SipMessage
{
    /// <summary>"SIP/2.0", the only version spoken (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-7.1"/>).</summary>
    public const string Version = "SIP/2.0";

    private const int ContentLengthPrefixLength = 16; // "Content-Length: "

    /// <summary>
    /// Serialises the message: start line, header lines in order, Content-Length (computed from <see cref="Body"/>, written
    /// in place of the first Content-Length line or after the last header), an empty line and the body.
    /// </summary>
    /// <returns>The wire bytes.</returns>
    public byte[] ToBytes()
    {
        var bytes = new byte[GetSerializedLength()];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Serialises the message into <paramref name="destination"/> without allocating (see <see cref="ToBytes"/>).</summary>
    /// <param name="destination">The buffer.</param>
    /// <returns>The number of bytes written, or -1 when <paramref name="destination"/> is too small.</returns>
    public int WriteTo(Span<byte> destination)
    {
        var length = GetSerializedLength();
        if (destination.Length < length)
        {
            return -1;
        }

        var written = WriteStartLine(destination);
        var contentLengthWritten = false;
        foreach (var header in Headers)
        {
            if (ReferenceEquals(header.Name, SipHeaderNames.ContentLength)
                || string.Equals(header.Name, SipHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                if (!contentLengthWritten)
                {
                    written += WriteContentLength(destination[written..]);
                    contentLengthWritten = true;
                }

                continue;
            }

            written += Encoding.UTF8.GetBytes(header.Name, destination[written..]);
            destination[written++] = (byte)':';
            destination[written++] = (byte)' ';
            written += Encoding.UTF8.GetBytes(header.Value, destination[written..]);
            destination[written++] = (byte)'\r';
            destination[written++] = (byte)'\n';
        }

        if (!contentLengthWritten)
        {
            written += WriteContentLength(destination[written..]);
        }

        destination[written++] = (byte)'\r';
        destination[written++] = (byte)'\n';
        Body.Span.CopyTo(destination[written..]);
        return written + Body.Length;
    }

    /// <summary>Returns the number of bytes <see cref="WriteTo"/> writes.</summary>
    /// <returns>The serialised length.</returns>
    public int GetSerializedLength()
    {
        var length = GetStartLineLength();
        var contentLengthLine = ContentLengthPrefixLength + CountDigits(Body.Length) + 2;
        var contentLengthCounted = false;
        foreach (var header in Headers)
        {
            if (ReferenceEquals(header.Name, SipHeaderNames.ContentLength)
                || string.Equals(header.Name, SipHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                if (!contentLengthCounted)
                {
                    length += contentLengthLine;
                    contentLengthCounted = true;
                }

                continue;
            }

            length += Encoding.UTF8.GetByteCount(header.Name) + 2 + Encoding.UTF8.GetByteCount(header.Value) + 2;
        }

        if (!contentLengthCounted)
        {
            length += contentLengthLine;
        }

        return length + 2 + Body.Length;
    }

    /// <summary>Gets the length of the start line including its CRLF.</summary>
    private protected abstract int GetStartLineLength();

    /// <summary>Writes the start line and its CRLF; the destination is known to be large enough.</summary>
    private protected abstract int WriteStartLine(Span<byte> destination);

    /// <summary>Writes "SIP/2.0".</summary>
    private protected static int WriteVersion(Span<byte> destination)
    {
        "SIP/2.0"u8.CopyTo(destination);
        return 7;
    }

    private protected static int CountDigits(int value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }

    private int WriteContentLength(Span<byte> destination)
    {
        "Content-Length: "u8.CopyTo(destination);
        Body.Length.TryFormat(destination[ContentLengthPrefixLength..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
        var written = ContentLengthPrefixLength + digits;
        destination[written++] = (byte)'\r';
        destination[written++] = (byte)'\n';
        return written;
    }
}
