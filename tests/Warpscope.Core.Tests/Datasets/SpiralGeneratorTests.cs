using Warpscope.Core.Datasets;
using Warpscope.Core.Datasets.Generators;

namespace Warpscope.Core.Tests.Datasets;

public class SpiralGeneratorTests
{
    private static LabeledPoints Points(int count, int classes, double noise = 0) =>
        new SpiralGenerator().Generate(new DatasetSpec("spiral", count, noise, Classes: classes), new Random(11));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Spiral_NoiseZero_EachArmAt5IOverNAndPhase2PiKOverK(int classes)
    {
        var p = Points(400, classes);
        for (var i = 0; i < p.Count; i++)
        {
            var r = Geometry.Radius(p, i);
            Assert.InRange(r, 0, 5);
            if (r < 1e-3) continue;
            // r = 5·i/n ⇒ i/n = r/5, so the angle follows from the radius and the arm alone.
            var expected = 1.75 * 2 * Math.PI * r / 5 + 2 * Math.PI * p.Labels[i] / classes;
            var actual = Math.Atan2(p.X[i], p.Y[i]); // (x, y) = (r sin t, r cos t)
            var difference = Math.IEEERemainder(actual - expected, 2 * Math.PI);
            Assert.True(Math.Abs(difference) < 1e-4, $"point {i}: angle off by {difference}");
        }
    }

    [Fact]
    public void Spiral_NoiseZero_EachArmRunsFromTheCentreTowardRadius5()
    {
        var p = Points(1000, 2);
        foreach (var label in new[] { 0, 1 })
        {
            var radii = Geometry.IndicesOf(p, label).Select(i => Geometry.Radius(p, i)).ToArray();
            Assert.Equal(0, radii.Min());
            Assert.Equal(5 * 499 / 500.0, radii.Max(), 1e-5);
        }
    }

    [Fact]
    public void Spiral_FiveClasses_GivesNOverKPerArm_RemainderToTheFirstArms()
    {
        var p = Points(503, 5);
        Assert.Equal([101, 101, 101, 100, 100], Geometry.ClassCounts(p, 5));
        Assert.Equal(["0", "1", "2", "3", "4"], new SpiralGenerator().ClassNames(new DatasetSpec(Classes: 5)));
    }

    [Fact]
    public void Spiral_Noise_MovesEachCoordinateByAtMostNoise()
    {
        var clean = Points(300, 2);
        var noisy = Points(300, 2, noise: 0.25);
        for (var i = 0; i < clean.Count; i++)
        {
            Assert.InRange(noisy.X[i] - clean.X[i], -0.25f - 1e-5f, 0.25f + 1e-5f);
            Assert.InRange(noisy.Y[i] - clean.Y[i], -0.25f - 1e-5f, 0.25f + 1e-5f);
        }
    }
}
