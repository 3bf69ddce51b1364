using System.Net.Sockets;
using System.Net;
using Shouldly;
using Softswitch.Media.Rtp;
using Xunit;

namespace Softswitch.Media.Tests.Rtp;

public sealed class RtpPortAllocatorTests
{
    [Fact]
    public void TryAllocate_HandsOutEvenPortsUntilExhausted_ThenNull()
    {
        int min = TestPorts.NextRange(8);
        var allocator = new RtpPortAllocator(IPAddress.Loopback, min + 1, min + 7); // even ports min+2, min+4, min+6
        allocator.Capacity.ShouldBe(3);
        var leases = new List<RtpPortLease>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                var lease = allocator.TryAllocate();
                lease.ShouldNotBeNull();
                (lease.Port % 2).ShouldBe(0);
                lease.Port.ShouldBeInRange(min + 2, min + 6);
                lease.LocalEndPoint.Address.ShouldBe(IPAddress.Loopback);
                lease.Socket.IsBound.ShouldBeTrue();
                leases.Add(lease);
            }

            leases.Select(l => l.Port).Distinct().Count().ShouldBe(3);
            allocator.InUse.ShouldBe(3);
            allocator.TryAllocate().ShouldBeNull();

            int released = leases[1].Port;
            leases[1].Dispose();
            leases[1].Dispose(); // idempotent
            allocator.InUse.ShouldBe(2);
            var again = allocator.TryAllocate();
            again.ShouldNotBeNull();
            again.Port.ShouldBe(released);
            leases[1] = again;
        }
        finally
        {
            leases.ForEach(l => l.Dispose());
        }

        allocator.InUse.ShouldBe(0);
    }

    [Fact]
    public void TryAllocate_SkipsPortHeldByAnotherSocket()
    {
        int min = TestPorts.NextRange(8);
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, min));
        var allocator = new RtpPortAllocator(IPAddress.Loopback, min, min + 2);
        using var lease = allocator.TryAllocate();
        lease.ShouldNotBeNull();
        lease.Port.ShouldBe(min + 2);
        allocator.TryAllocate().ShouldBeNull();
    }

    [Fact]
    public void TryAllocate_RoundRobin_DoesNotReuseJustReleasedPortFirst()
    {
        int min = TestPorts.NextRange(8);
        var allocator = new RtpPortAllocator(IPAddress.Loopback, min, min + 6);
        var first = allocator.TryAllocate()!;
        int firstPort = first.Port;
        first.Dispose();
        using var second = allocator.TryAllocate()!;
        second.Port.ShouldNotBe(firstPort);
    }

    [Fact]
    public void Constructor_OddMin_RoundsUpToEven()
    {
        var allocator = new RtpPortAllocator(IPAddress.Loopback, 10001, 10010);
        allocator.Capacity.ShouldBe(5); // 10002..10010
        Should.Throw<ArgumentOutOfRangeException>(() => new RtpPortAllocator(IPAddress.Loopback, 10001, 10001));
    }
}
