using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Softswitch.Gateway.Calls;

namespace Softswitch.Gateway.Tests.Calls;

/// <summary>A real gateway on 127.0.0.1 (ports 0) whose calls run a test-supplied script.</summary>
public sealed class GatewayFixture : IAsyncDisposable
{
    private GatewayFixture(SipGateway gateway, ScriptedHandler handler)
    {
        Gateway = gateway;
        Handler = handler;
    }

    public SipGateway Gateway { get; }

    public ScriptedHandler Handler { get; }

    public IPEndPoint SipEndPoint => new(IPAddress.Loopback, Gateway.UdpEndPoint.Port);

    public static async Task<GatewayFixture> StartAsync(Func<ICall, CancellationToken, Task> script, Action<SipOptions>? configure = null, TimeProvider? timeProvider = null, Action<MediaOptions>? configureMedia = null)
    {
        var options = new SipOptions { BindAddress = "127.0.0.1", Port = 0 };
        configure?.Invoke(options);

        // The scripted peers send no RTP: no inactivity timeout unless a test asks for one.
        var media = new MediaOptions { RtpPortMin = 30000, RtpPortMax = 39998, RtpTimeoutSeconds = 0 };
        configureMedia?.Invoke(media);
        var handler = new ScriptedHandler(script);
        var gateway = new SipGateway(options, media, handler, NullLoggerFactory.Instance, timeProvider ?? TimeProvider.System);
        await gateway.StartAsync(CancellationToken.None);
        return new GatewayFixture(gateway, handler);
    }

    /// <summary>Rings, answers and waits for the end of the call.</summary>
    public static async Task AnswerAndWait(ICall call, CancellationToken cancellationToken)
    {
        await call.RingAsync(cancellationToken);
        await call.AnswerAsync(cancellationToken);
        await call.Completion.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync() => await Gateway.StopAsync(TimeSpan.FromSeconds(2), CancellationToken.None);

    public sealed class ScriptedHandler(Func<ICall, CancellationToken, Task> script) : ICallHandler
    {
        private readonly TaskCompletionSource<ICall> _firstCall = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ICall> FirstCall => _firstCall.Task;

        public async Task HandleCallAsync(ICall call, CancellationToken cancellationToken)
        {
            _firstCall.TrySetResult(call);
            await script(call, cancellationToken);
        }
    }
}
