using Xunit;

namespace Softswitch.Admin.Tests.Infrastructure;

/// <summary>The test classes that share one <see cref="PostgresServer"/> (run one after another: some stop and restart it).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
