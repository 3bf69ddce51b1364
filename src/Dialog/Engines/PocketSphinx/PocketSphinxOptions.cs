namespace Softswitch.Dialog.Engines.PocketSphinx;

/// <summary>Where the pocketsphinx model lies and how the recognizer reports.</summary>
public sealed class PocketSphinxOptions
{
    /// <summary>What installs the default model, for the error when it is missing.</summary>
    public const string InstallHint = "apt-get install pocketsphinx-en-us (or ./softswitch setup)";

    /// <summary>Model folder. Defaults to <c>/usr/share/pocketsphinx/model/en-us</c>, where Debian <c>pocketsphinx-en-us</c> puts it.</summary>
    public string ModelDirectory { get; set; } = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>Acoustic model folder, relative to <see cref="ModelDirectory"/> or absolute. Defaults to <c>en-us</c> (16 kHz continuous model).</summary>
    public string AcousticModel { get; set; } = "en-us";

    /// <summary>Pronunciation dictionary, relative to <see cref="ModelDirectory"/> or absolute. Defaults to <c>cmudict-en-us.dict</c>.</summary>
    public string Dictionary { get; set; } = "cmudict-en-us.dict";

    /// <summary>Peak of the noise added to the input, in sample units; 0 adds none (see <see cref="PocketSphinxNoiseFloor"/>). Defaults to 16 (about -66 dBFS), measured to keep the decoder working on digital silence.</summary>
    public int NoiseFloor { get; set; } = 16;

    /// <summary>How often the partial hypothesis is read while the caller speaks, in 20 ms frames. Defaults to 5 (100 ms).</summary>
    public int PartialResultFrames { get; set; } = 5;

    /// <summary>The acoustic model folder, resolved.</summary>
    public string AcousticModelPath => Path.Combine(ModelDirectory, AcousticModel);

    /// <summary>The dictionary file, resolved.</summary>
    public string DictionaryPath => Path.Combine(ModelDirectory, Dictionary);

    /// <summary>Checks the values and that the model files exist.</summary>
    /// <exception cref="ArgumentException">A value is empty or out of range.</exception>
    /// <exception cref="DirectoryNotFoundException">The acoustic model folder is missing: the message names it and how to install it.</exception>
    /// <exception cref="FileNotFoundException">A model file is missing: the message names it and how to install it.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ModelDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(AcousticModel);
        ArgumentException.ThrowIfNullOrWhiteSpace(Dictionary);
        ArgumentOutOfRangeException.ThrowIfLessThan(PartialResultFrames, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(NoiseFloor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(NoiseFloor, 1000);
        if (!Directory.Exists(AcousticModelPath))
        {
            throw new DirectoryNotFoundException($"pocketsphinx acoustic model folder '{AcousticModelPath}' was not found. Install it with '{InstallHint}'.");
        }

        var mdef = Path.Combine(AcousticModelPath, "mdef");
        if (!File.Exists(mdef))
        {
            throw new FileNotFoundException($"pocketsphinx acoustic model file '{mdef}' was not found. Install it with '{InstallHint}'.", mdef);
        }

        if (!File.Exists(DictionaryPath))
        {
            throw new FileNotFoundException($"pocketsphinx dictionary '{DictionaryPath}' was not found. Install it with '{InstallHint}'.", DictionaryPath);
        }
    }
}
