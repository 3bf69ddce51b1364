using System.Text.Json;

namespace Softswitch.Dialog.Engines.Sherpa;

/// <summary>A Piper voice's <c>.onnx.json</c>: what synthesis needs from it.</summary>
/// <param name="SampleRate">audio.sample_rate.</param>
/// <param name="EspeakVoice">espeak.voice.</param>
/// <param name="NoiseScale">inference.noise_scale (default 0.667).</param>
/// <param name="LengthScale">inference.length_scale (default 1).</param>
/// <param name="NoiseW">inference.noise_w (default 0.8).</param>
/// <param name="NumSpeakers">num_speakers (default 1).</param>
/// <param name="PhonemeIds">phoneme_id_map: each phoneme (one code point) to its ids.</param>
public sealed record PiperVoiceConfig(int SampleRate, string EspeakVoice, float NoiseScale, float LengthScale, float NoiseW, int NumSpeakers, IReadOnlyDictionary<string, long[]> PhonemeIds)
{
    /// <summary>Padding, between every phoneme.</summary>
    public const string Pad = "_";

    /// <summary>Beginning of sentence.</summary>
    public const string Bos = "^";

    /// <summary>End of sentence.</summary>
    public const string Eos = "$";

    /// <summary>Reads and checks a config file.</summary>
    /// <param name="path">The <c>.onnx.json</c>.</param>
    /// <returns>The config.</returns>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">A field is missing or wrong; the message names the file and the field.</exception>
    public static PiperVoiceConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Piper voice config '{path}' was not found: it ships beside the voice's .onnx as <voice>.onnx.json (https://huggingface.co/rhasspy/piper-voices).", path);
        }

        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"Piper voice config '{path}': {error.Message}", error);
        }
    }

    /// <summary>Parses and checks a config document.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The config.</returns>
    /// <exception cref="InvalidDataException">A field is missing or wrong; the message names it.</exception>
    public static PiperVoiceConfig Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"not valid JSON ({error.Message}).", error);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("the document is not a JSON object.");
            }

            if (Find(root, "phoneme_type") is { ValueKind: JsonValueKind.String } type && type.GetString() is { } phonemeType && phonemeType != "espeak")
            {
                throw new InvalidDataException($"phoneme_type '{phonemeType}' is not supported (only espeak).");
            }

            var sampleRate = Find(root, "audio", "sample_rate") is { ValueKind: JsonValueKind.Number } rate && rate.TryGetInt32(out var value) ? value : 0;
            if (sampleRate is < 8000 or > 48000)
            {
                throw new InvalidDataException("audio.sample_rate is missing or not a rate of 8000–48000 Hz.");
            }

            var voice = Find(root, "espeak", "voice") is { ValueKind: JsonValueKind.String } v && !string.IsNullOrWhiteSpace(v.GetString())
                ? v.GetString()!
                : throw new InvalidDataException("espeak.voice is missing.");

            if (Find(root, "phoneme_id_map") is not { ValueKind: JsonValueKind.Object } map)
            {
                throw new InvalidDataException("phoneme_id_map is missing.");
            }

            var ids = new Dictionary<string, long[]>(StringComparer.Ordinal);
            foreach (var entry in map.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.Array || entry.Value.GetArrayLength() == 0
                    || entry.Value.EnumerateArray().Any(id => id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var n) || n < 0))
                {
                    throw new InvalidDataException($"phoneme_id_map['{entry.Name}'] is not a list of non-negative ids.");
                }

                ids[entry.Name] = entry.Value.EnumerateArray().Select(id => id.GetInt64()).ToArray();
            }

            foreach (var required in new[] { Pad, Bos, Eos })
            {
                if (!ids.ContainsKey(required))
                {
                    throw new InvalidDataException($"phoneme_id_map has no '{required}' (Piper's pad, sentence start and end are required).");
                }
            }

            var speakers = Find(root, "num_speakers") is { ValueKind: JsonValueKind.Number } s && s.TryGetInt32(out var n) ? n : 1;
            if (speakers < 1)
            {
                throw new InvalidDataException("num_speakers must be at least 1.");
            }

            return new PiperVoiceConfig(
                sampleRate,
                voice,
                Scale(root, "noise_scale", 0.667f),
                Scale(root, "length_scale", 1f),
                Scale(root, "noise_w", 0.8f),
                speakers,
                ids);
        }
    }

    /// <summary>
    /// Piper's id sequence for a phoneme string: sentence start, then each phoneme's ids followed by the pad, then sentence end.
    /// Phonemes missing from the map are skipped.
    /// </summary>
    /// <param name="phonemes">IPA from espeak-ng.</param>
    /// <returns>The ids.</returns>
    public long[] ToIds(string phonemes)
    {
        ArgumentNullException.ThrowIfNull(phonemes);
        var result = new List<long>(2 + (phonemes.Length * 2));
        var pad = PhonemeIds[Pad];
        result.AddRange(PhonemeIds[Bos]);
        result.AddRange(pad);
        foreach (var rune in phonemes.EnumerateRunes())
        {
            if (PhonemeIds.TryGetValue(rune.ToString(), out var ids))
            {
                result.AddRange(ids);
                result.AddRange(pad);
            }
        }

        result.AddRange(PhonemeIds[Eos]);
        return [.. result];
    }

    private static float Scale(JsonElement root, string name, float fallback)
    {
        if (Find(root, "inference", name) is not { } element)
        {
            return fallback;
        }

        return element.ValueKind == JsonValueKind.Number && element.GetSingle() is var value && value > 0 && value < 10
            ? value
            : throw new InvalidDataException($"inference.{name} must be a number between 0 and 10.");
    }

    private static JsonElement? Find(JsonElement element, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element;
    }
}
