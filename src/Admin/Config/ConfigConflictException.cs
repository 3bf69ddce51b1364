namespace Softswitch.Admin.Config;

/// <summary>A row changed between the import's read and its write (another writer); the import rolls back.</summary>
internal sealed class ConfigConflictException : InvalidOperationException
{
    public ConfigConflictException(string message)
        : base(message)
    {
    }
}
