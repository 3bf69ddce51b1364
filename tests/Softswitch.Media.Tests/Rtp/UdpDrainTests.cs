using System.Net;
using System.Net.Sockets;
using Shouldly;
using Softswitch.Media.Rtp;
using Xunit;

namespace Softswitch.Media.Tests.Rtp;

public sealed class UdpDrainTests : IDisposable
{
    private readonly Socket _receiver = Bound();
    private readonly Socket _sender = Bound();
    private readonly SocketAddress _from = new(AddressFamily.InterNetwork);

    public void Dispose()
    {
        _receiver.Dispose();
        _sender.Dispose();
    }

    [Fact]
    public async Task TryReceive_WaitingDatagrams_ReadInOrderWithSourceAndKernelArrivalAge()
    {
        var drain = new UdpDrain(_receiver, 2048, _from);
        drain.TryReceive(DateTime.UtcNow.Ticks, out _, out _).ShouldBeFalse(); // nothing yet: EAGAIN, no exception, no wait

        _sender.SendTo([1, 2, 3], _receiver.LocalEndPoint!);
        await Task.Delay(60);
        _sender.SendTo([4, 5, 6, 7], _receiver.LocalEndPoint!);
        await Task.Delay(20);

        long now = DateTime.UtcNow.Ticks;
        drain.TryReceive(now, out int first, out TimeSpan firstAge).ShouldBeTrue();
        drain.Data[..first].ToArray().ShouldBe(new byte[] { 1, 2, 3 });
        ((IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(_from)).ShouldBe(_sender.LocalEndPoint);
        drain.TryReceive(now, out int second, out TimeSpan secondAge).ShouldBeTrue();
        drain.Data[..second].ToArray().ShouldBe(new byte[] { 4, 5, 6, 7 });
        drain.TryReceive(now, out _, out _).ShouldBeFalse();

        // The kernel's receive timestamps, not the time of reading: the first waited about 60 ms longer than the second.
        firstAge.TotalMilliseconds.ShouldBeInRange(70, 1000);
        secondAge.TotalMilliseconds.ShouldBeInRange(10, 500);
        (firstAge - secondAge).TotalMilliseconds.ShouldBeInRange(50, 500);
    }

    [Fact]
    public void TryReceive_OversizedDatagram_DroppedAndCounted()
    {
        var drain = new UdpDrain(_receiver, 16, _from);
        _sender.SendTo(new byte[100], _receiver.LocalEndPoint!);
        _sender.SendTo(new byte[10], _receiver.LocalEndPoint!);
        SpinUntilReadable();

        drain.TryReceive(DateTime.UtcNow.Ticks, out int length, out _).ShouldBeTrue();
        length.ShouldBe(10);
        drain.Truncated.ShouldBe(1);
    }

    [Fact]
    public void TryReceive_ClosedSocket_ReturnsFalseWithoutThrowing()
    {
        var drain = new UdpDrain(_receiver, 2048, _from);
        _sender.SendTo([1], _receiver.LocalEndPoint!);
        _receiver.Dispose();
        drain.TryReceive(DateTime.UtcNow.Ticks, out _, out _).ShouldBeFalse();
        drain.TryReceive(DateTime.UtcNow.Ticks, out _, out _).ShouldBeFalse();
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private void SpinUntilReadable()
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (_receiver.Available == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Yield();
        }
    }
}
