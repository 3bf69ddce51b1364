using System.Globalization;

namespace Softswitch.Sip;

/// <summary>
/// The CSeq header field value: a sequence number and a method
/// (<see href="https://www.rfc-editor.org/rfc/rfc3261#section-20.16"/>, <see href="https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.5"/>).
/// </summary>
/// <param name="Number">The sequence number; less than 2**31.</param>
/// <param name="Method">The method, case-sensitive.</param>
public readonly record struct SipCSeq(uint Number, string Method)
{
    /// <summary>The largest valid sequence number (2**31 - 1).</summary>
    public const uint MaxNumber = int.MaxValue;

    /// <summary>Parses <c>1*DIGIT LWS Method</c>.</summary>
    /// <param name="text">The header value.</param>
    /// <param name="value">The parsed value.</param>
    /// <returns><see langword="true"/> when valid; the number must be less than 2**31.</returns>
    public static bool TryParse(string? text, out SipCSeq value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var span = SipGrammar.TrimLws(text.AsSpan());
        var space = span.IndexOfAny(" \t\r\n");
        if (space <= 0)
        {
            return false;
        }

        var method = SipGrammar.TrimLws(span[space..]);
        if (!SipGrammar.TryParseDigits(span[..space], out var number) || number > MaxNumber || !SipGrammar.IsToken(method))
        {
            return false;
        }

        value = new SipCSeq((uint)number, KnownOrNew(method));
        return true;
    }

    /// <summary>Formats as <c>Number SP Method</c>.</summary>
    /// <returns>The header value.</returns>
    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + " " + Method;

    private static string KnownOrNew(ReadOnlySpan<char> method)
    {
        foreach (var known in s_known)
        {
            if (method.SequenceEqual(known))
            {
                return known;
            }
        }

        return method.ToString();
    }

    private static readonly string[] s_known =
    [
        SipMethods.Invite, SipMethods.Ack, SipMethods.Bye, SipMethods.Cancel, SipMethods.Options, SipMethods.Register,
        SipMethods.Prack, SipMethods.Update, SipMethods.Info, SipMethods.Refer, SipMethods.Notify, SipMethods.Subscribe,
        SipMethods.Message,
    ];
}
