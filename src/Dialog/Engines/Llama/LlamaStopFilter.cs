using System.Text;

namespace Softswitch.Dialog.Engines.Llama;

/// <summary>
/// Streams text pieces while holding back any tail that could still become a stop sequence, so a reply never shows
/// part of one; <see cref="Stopped"/> turns true once a stop sequence appears.
/// </summary>
internal sealed class LlamaStopFilter(IReadOnlyList<string> stopSequences)
{
    private readonly StringBuilder _pending = new();

    /// <summary>Whether a stop sequence has appeared.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Adds a piece; returns the text that is safe to show now (possibly empty).</summary>
    /// <param name="piece">Newly decoded text.</param>
    /// <returns>Text to emit.</returns>
    public string Push(string piece)
    {
        if (Stopped)
        {
            return string.Empty;
        }

        _pending.Append(piece);
        if (stopSequences.Count == 0)
        {
            return Drain(0);
        }

        var text = _pending.ToString();
        var cut = -1;
        foreach (var stop in stopSequences)
        {
            var index = text.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (cut < 0 || index < cut))
            {
                cut = index;
            }
        }

        if (cut >= 0)
        {
            Stopped = true;
            _pending.Clear();
            return text[..cut];
        }

        var hold = 0;
        foreach (var stop in stopSequences)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > hold; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    hold = length;
                    break;
                }
            }
        }

        return Drain(hold);
    }

    /// <summary>Returns whatever was held back (at the end of the reply).</summary>
    /// <returns>The rest.</returns>
    public string Flush() => Stopped ? string.Empty : Drain(0);

    private string Drain(int hold)
    {
        var emit = _pending.ToString(0, _pending.Length - hold);
        _pending.Remove(0, _pending.Length - hold);
        return emit;
    }
}
