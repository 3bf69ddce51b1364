using Xunit;

namespace Softswitch.Admin.Tests.Infrastructure;

/// <summary>The server as an xunit fixture: <see cref="InitializeAsync"/> and <see cref="DisposeAsync"/> start and delete it.</summary>
public sealed partial class PostgresServer : IAsyncLifetime
{
}
