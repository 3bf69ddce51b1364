using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Softswitch.Admin.Auth;
using Softswitch.Admin.Config;

namespace Softswitch.Admin.Persistence;

/// <summary>Where the admin database joins the composition root.</summary>
public static class AdminPersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the admin database: <see cref="DatabaseOptions"/> bound from <c>Admin:Database</c> and validated at
    /// start, one connection factory (SQLite file or one <see cref="NpgsqlDataSource"/>), the repositories, the
    /// <see cref="IApiKeyStore"/>, the configuration <see cref="ConfigExporter"/> and <see cref="ConfigImporter"/>, a hosted service that applies schema migrations at start (register this before the
    /// services that use the database), and the call record writer's background loop.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="dataDirectory">The data directory; the default SQLite file is <c>softswitch.db</c> in it.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddAdminPersistence(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);

        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return NpgsqlDataSource.Create(options.ConnectionString
                ?? throw new InvalidOperationException($"{DatabaseOptions.SectionName}:ConnectionString is not set."));
        });
        services.AddSingleton<IDbConnectionFactory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (options.ParseProvider() == DatabaseProvider.PostgreSql)
            {
                return new PostgresConnectionFactory(sp.GetRequiredService<NpgsqlDataSource>());
            }

            var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? SqliteConnectionFactory.ConnectionStringForFile(Path.Combine(dataDirectory, "softswitch.db"))
                : options.ConnectionString;
            return new SqliteConnectionFactory(connectionString, options.SqliteBusyTimeout);
        });

        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<AgentRepository>();
        services.AddSingleton<RouteRepository>();
        services.AddSingleton<TrunkRepository>();
        services.AddSingleton<QueueRepository>();
        services.AddSingleton<CallRecordRepository>();
        services.AddSingleton<ApiKeyRepository>();
        services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<ApiKeyRepository>());
        services.AddSingleton<CallRecordWriter>();
        services.AddSingleton(sp => new ConfigExporter(
            sp.GetRequiredService<MigrationRunner>(), sp.GetRequiredService<AgentRepository>(), sp.GetRequiredService<RouteRepository>(),
            sp.GetRequiredService<TrunkRepository>(), sp.GetRequiredService<QueueRepository>()));
        services.AddSingleton(sp => new ConfigImporter(
            sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<MigrationRunner>(), sp.GetRequiredService<AgentRepository>(),
            sp.GetRequiredService<RouteRepository>(), sp.GetRequiredService<TrunkRepository>(), sp.GetRequiredService<QueueRepository>()));

        services.AddHostedService<DatabaseMigrationService>();
        services.AddHostedService(sp => sp.GetRequiredService<CallRecordWriter>());
        return services;
    }
}
