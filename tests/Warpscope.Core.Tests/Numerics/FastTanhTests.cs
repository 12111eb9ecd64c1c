using System.Runtime.Intrinsics;
using Warpscope.Core.Numerics;

namespace Warpscope.Core.Tests.Numerics;

public class FastTanhTests
{
    [Fact]
    public void FastTanh_StaysWithinFourMillionthsOfAPercentOfDoubleTanh()
    {
        var worst = 0.0;
        for (var x = -12.0; x <= 12.0; x += 1e-4)
        {
            var fast = FastTanh.Of((float)x);
            var exact = Math.Tanh((float)x);
            worst = Math.Max(worst, Math.Abs(fast - exact));
        }
        Assert.True(worst < 4e-7, $"worst absolute error {worst:G3}");
    }

    [Fact]
    public void FastTanh_IsOddExactAtZeroAndSaturates()
    {
        Assert.Equal(0f, FastTanh.Of(0f));
        Assert.Equal(-FastTanh.Of(0.37f), FastTanh.Of(-0.37f));
        Assert.Equal(1f, FastTanh.Of(50f), 1e-6f);
        Assert.Equal(-1f, FastTanh.Of(float.NegativeInfinity), 1e-6f);
        Assert.True(FastTanh.Of(1e-30f) is > 0 and < 1e-29f);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(512)]
    public void VectorLanes_MatchTheScalarFormBitForBit(int bits)
    {
        var random = new Random(3);
        var z = Enumerable.Range(0, 1003).Select(_ => (float)(random.NextDouble() * 20 - 10)).Prepend(-0f).Prepend(float.NaN).ToArray();
        var a = new float[z.Length];
        if (bits == 512) FastTanh.Apply<Float512>(z, a);
        else FastTanh.Apply<Float256>(z, a);
        for (var i = 0; i < z.Length; i++) Assert.Equal(FastTanh.Of(z[i]), a[i]);
        Assert.True(float.IsNaN(a[0]));   // NaN in a vector lane stays NaN
        Assert.True(Vector256.IsHardwareAccelerated);
    }
}
