using Softswitch.Media.Recording;

namespace Softswitch.Dialog.Tests.Engines.Sherpa;

/// <summary>The shared test fixtures (see the models folder's README).</summary>
public static class TestModels
{
    public const string Variable = "SOFTSWITCH_TEST_MODELS";

    /// <summary>
    /// Speech in jfk.wav, seconds: the models README's three ranges plus "ask not" at about 3.3–4.3 s, which the README leaves
    /// out although it is plainly speech (RMS rises from about 300 to 9,000 there, as in the other words) and Silero finds it.
    /// </summary>
    public static readonly (double Start, double End)[] JfkSpeech = [(0.35, 2.24), (3.30, 4.35), (5.41, 7.65), (8.19, 10.53)];

    /// <summary>The full path of a fixture; fails (not skips) when the folder is set and the file is missing.</summary>
    public static string Path(string file)
    {
        var folder = Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is unset.");
        var path = System.IO.Path.Combine(folder, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Fixture '{file}' is missing from {Variable}={folder}.", path);
    }

    /// <summary>jfk.wav as 16 kHz PCM16.</summary>
    public static short[] Jfk()
    {
        var (rate, channels, samples) = WavFile.Read(Path("jfk.wav"));
        if (rate != 16000 || channels != 1)
        {
            throw new InvalidDataException($"jfk.wav is {rate} Hz, {channels} channel(s); expected 16 kHz mono.");
        }

        return samples;
    }
}
