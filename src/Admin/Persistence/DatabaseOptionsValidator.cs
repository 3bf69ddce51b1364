using Microsoft.Extensions.Options;

namespace Softswitch.Admin.Persistence;

/// <summary>Checks <see cref="DatabaseOptions"/>, naming the configuration key at fault.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = options.ParseProvider();
        if (provider is null)
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.SectionName}:Provider must be 'sqlite' or 'postgresql', not '{options.Provider}'.");
        }

        if (provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.SectionName}:ConnectionString is required when {DatabaseOptions.SectionName}:Provider is 'postgresql'; " +
                "set it with the environment variable SOFTSWITCH_Admin__Database__ConnectionString.");
        }

        if (options.SqliteBusyTimeout < TimeSpan.Zero || options.SqliteBusyTimeout > TimeSpan.FromMinutes(10))
        {
            return ValidateOptionsResult.Fail($"{DatabaseOptions.SectionName}:SqliteBusyTimeout must be between 0 and 10 minutes.");
        }

        if (options.WriteQueueCapacity is < 1 or > 10_000_000)
        {
            return ValidateOptionsResult.Fail($"{DatabaseOptions.SectionName}:WriteQueueCapacity must be between 1 and 10,000,000.");
        }

        if (options.WriteRetryMaxDelay <= TimeSpan.Zero || options.WriteShutdownTimeout < TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.SectionName}:WriteRetryMaxDelay must be positive and {DatabaseOptions.SectionName}:WriteShutdownTimeout not negative.");
        }

        return ValidateOptionsResult.Success;
    }
}
