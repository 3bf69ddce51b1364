using Microsoft.Extensions.Hosting;

namespace Softswitch.Admin.Persistence;

/// <summary>Brings the database schema up to date when the host starts, before the services registered after it start.</summary>
internal sealed class DatabaseMigrationService : IHostedService
{
    private readonly MigrationRunner _runner;

    public DatabaseMigrationService(MigrationRunner runner)
    {
        _runner = runner;
    }

    public Task StartAsync(CancellationToken cancellationToken) => _runner.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
