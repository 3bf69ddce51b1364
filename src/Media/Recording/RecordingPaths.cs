using System.Globalization;
using System.Text;

namespace Softswitch.Media.Recording;

/// <summary>Where call recordings go: <c>&lt;directory&gt;/yyyyMMdd/HHmmss-&lt;call id&gt;.wav</c>.</summary>
public static class RecordingPaths
{
    /// <summary>Longest call id kept in a file name; longer ids are cut and get a hash of the whole id appended.</summary>
    public const int MaxCallIdLength = 64;

    private const int HashLength = 8;

    /// <summary>
    /// Makes the path of a new recording, <c>yyyyMMdd/HHmmss-&lt;call id&gt;.wav</c> under <paramref name="directory"/>, and
    /// creates the date folder. The date and time are <paramref name="start"/> in its own offset (pass UTC for UTC folders).
    /// The call id is reduced to <c>[A-Za-z0-9._-]</c> (see <see cref="SanitizeCallId"/>), so it can never leave the folder. When
    /// the file already exists (two legs of one call in the same second), <c>-2</c>, <c>-3</c>… is appended.
    /// </summary>
    /// <param name="directory">The recordings directory.</param>
    /// <param name="start">When the call (or recording) started.</param>
    /// <param name="callId">The SIP Call-ID, as received.</param>
    /// <returns>The full path of the file to record to.</returns>
    public static string For(string directory, DateTimeOffset start, string callId)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(callId);
        string folder = Path.Combine(Path.GetFullPath(directory), start.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        string stem = start.ToString("HHmmss", CultureInfo.InvariantCulture) + "-" + SanitizeCallId(callId);
        string path = Path.Combine(folder, stem + ".wav");
        for (int n = 2; File.Exists(path) && n < 1000; n++)
        {
            path = Path.Combine(folder, stem + "-" + n.ToString(CultureInfo.InvariantCulture) + ".wav");
        }

        return path;
    }

    /// <summary>
    /// Makes a call id safe as part of a file name: every character outside <c>[A-Za-z0-9._-]</c> becomes <c>_</c> (a
    /// surrogate pair becomes one), and an id longer than <see cref="MaxCallIdLength"/> is cut, ending in <c>-</c> and eight hex
    /// digits of a hash of the whole id so that long ids sharing a prefix stay distinct. An empty id becomes <c>call</c>.
    /// </summary>
    /// <param name="callId">The call id.</param>
    /// <returns>At most <see cref="MaxCallIdLength"/> characters of <c>[A-Za-z0-9._-]</c>.</returns>
    public static string SanitizeCallId(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        var name = new StringBuilder(Math.Min(callId.Length, MaxCallIdLength + 1));
        for (int i = 0; i < callId.Length; i++)
        {
            char c = callId[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            {
                name.Append(c);
            }
            else
            {
                name.Append('_');
                if (char.IsHighSurrogate(c) && i + 1 < callId.Length && char.IsLowSurrogate(callId[i + 1]))
                {
                    i++;
                }
            }

            if (name.Length > MaxCallIdLength)
            {
                break;
            }
        }

        if (name.Length == 0)
        {
            return "call";
        }

        if (name.Length > MaxCallIdLength)
        {
            name.Length = MaxCallIdLength - HashLength - 1;
            name.Append('-').Append(Fnv1a(callId).ToString("x8", CultureInfo.InvariantCulture));
        }

        return name.ToString();
    }

    // FNV-1a over the UTF-16 code units: stable across processes (string.GetHashCode is randomized).
    private static uint Fnv1a(string value)
    {
        uint hash = 2166136261;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
