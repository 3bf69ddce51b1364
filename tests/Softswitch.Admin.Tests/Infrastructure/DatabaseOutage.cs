using Softswitch.Admin.Persistence;

namespace Softswitch.Admin.Tests.Infrastructure;

/// <summary>A database made unreachable for real: <see cref="Factory"/> fails to connect until <see cref="EndAsync"/>.</summary>
internal sealed class DatabaseOutage : IAsyncDisposable
{
    private readonly Func<Task> _end;
    private bool _ended;

    public DatabaseOutage(IDbConnectionFactory factory, Func<Task> end)
    {
        Factory = factory;
        _end = end;
    }

    /// <summary>The factory the code under test uses; it fails during the outage and works after it.</summary>
    public IDbConnectionFactory Factory { get; }

    public async Task EndAsync()
    {
        if (!_ended)
        {
            _ended = true;
            await _end();
        }
    }

    public ValueTask DisposeAsync() => new(EndAsync());
}
