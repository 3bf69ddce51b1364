using System.CommandLine;
using Softswitch.Dialog.Models;

namespace Softswitch.Host;

/// <summary>
/// <c>softswitch models list|pull</c>: the speech and language models the engines use, downloaded from their official
/// addresses into the models directory (<c>--models-dir</c>, else <c>SOFTSWITCH_MODELS_DIR</c>, else <c>DATA_DIR/models</c>).
/// </summary>
internal sealed class ModelsCommand : Command
{
    /// <summary>Environment variable that overrides the default models directory.</summary>
    public const string ModelsDirectoryVariable = "SOFTSWITCH_MODELS_DIR";

    /// <summary>Creates the command over the official catalog.</summary>
    public ModelsCommand()
        : this(ModelCatalog.Default)
    {
    }

    /// <summary>Creates the command over <paramref name="catalog"/>.</summary>
    /// <param name="catalog">The models it knows.</param>
    public ModelsCommand(ModelCatalog catalog)
        : base("models", "List or download the speech and language models.")
    {
        Subcommands.Add(new ModelsListCommand(catalog));
        Subcommands.Add(new ModelsPullCommand(catalog));
    }

    /// <summary>The <c>--models-dir</c> option.</summary>
    public static Option<string?> ModelsDirectoryOption() => new("--models-dir")
    {
        Description = $"Models directory [default: ${ModelsDirectoryVariable}, else DATA_DIR/models]",
    };

    /// <summary>Resolves the models directory from the options and the environment.</summary>
    /// <param name="modelsDirectory">The <c>--models-dir</c> value, if given.</param>
    /// <param name="dataDirectory">The <c>--data-dir</c> value.</param>
    public static ModelStore ResolveStore(string? modelsDirectory, string dataDirectory)
    {
        if (string.IsNullOrEmpty(modelsDirectory))
        {
            modelsDirectory = Environment.GetEnvironmentVariable(ModelsDirectoryVariable);
        }

        return new ModelStore(string.IsNullOrEmpty(modelsDirectory) ? Path.Combine(dataDirectory, "models") : modelsDirectory);
    }

    /// <summary>A byte count as megabytes for display.</summary>
    /// <param name="bytes">The count.</param>
    public static string Megabytes(long bytes) => $"{bytes / 1_000_000.0:0.0} MB";
}
