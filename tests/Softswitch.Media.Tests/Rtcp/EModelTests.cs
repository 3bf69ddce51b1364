using Shouldly;
using Softswitch.Media.Rtcp;
using Xunit;

namespace Softswitch.Media.Tests.Rtcp;

public sealed class EModelTests
{
    [Fact]
    public void EstimateMos_NoLossTwentyMs_AboutFourPointFour()
    {
        EModel.EstimateMos(20, 0, EModelCodec.G711).ShouldBe(4.40, 0.02);
    }

    [Fact]
    public void EstimateMos_FivePercentLoss_ClearlyLower()
    {
        double clean = EModel.EstimateMos(20, 0, EModelCodec.G711);
        double lossy = EModel.EstimateMos(20, 5, EModelCodec.G711);
        lossy.ShouldBeLessThan(clean - 1.0);
        lossy.ShouldBeInRange(1.5, 3.0);
    }

    [Fact]
    public void EstimateMos_IncreasingLoss_Monotonic()
    {
        double previous = double.MaxValue;
        for (double loss = 0; loss <= 30; loss += 0.5)
        {
            double mos = EModel.EstimateMos(50, loss, EModelCodec.G711);
            mos.ShouldBeLessThanOrEqualTo(previous);
            previous = mos;
        }
    }

    [Fact]
    public void EstimateMos_IncreasingDelay_Monotonic()
    {
        double previous = double.MaxValue;
        for (double delay = 0; delay <= 800; delay += 10)
        {
            double mos = EModel.EstimateMos(delay, 1, EModelCodec.G711);
            mos.ShouldBeLessThanOrEqualTo(previous);
            previous = mos;
        }

        EModel.EstimateMos(400, 0, EModelCodec.G711).ShouldBeLessThan(EModel.EstimateMos(150, 0, EModelCodec.G711) - 0.5);
    }

    [Theory]
    [InlineData(-5, 1.0)]
    [InlineData(0, 1.0)]
    [InlineData(100, 4.5)]
    [InlineData(93.2, 4.41)]
    public void RToMos_KnownPoints_MatchG107(double r, double mos)
    {
        EModel.RToMos(r).ShouldBe(mos, 0.01);
    }
}
