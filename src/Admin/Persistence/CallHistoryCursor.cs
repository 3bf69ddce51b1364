using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Softswitch.Admin.Persistence;

/// <summary>
/// The keyset position after the last call of a page: its start time and row id, as opaque base64url text. Newest-first
/// order is (started_at DESC, id DESC), so the next page holds the rows strictly after this pair.
/// </summary>
/// <param name="StartedAtMs">Start time of the last call, unix milliseconds.</param>
/// <param name="RowId">Row id of the last call.</param>
internal readonly record struct CallHistoryCursor(long StartedAtMs, long RowId)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{StartedAtMs}.{RowId}")));

    public static bool TryDecode(string text, out CallHistoryCursor cursor)
    {
        cursor = default;
        if (text.Length is 0 or > 64 || !Base64Url.IsValid(text))
        {
            return false;
        }

        var plain = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text));
        var dot = plain.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !long.TryParse(plain.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var startedAt)
            || !long.TryParse(plain.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var rowId))
        {
            return false;
        }

        cursor = new CallHistoryCursor(startedAt, rowId);
        return true;
    }
}
