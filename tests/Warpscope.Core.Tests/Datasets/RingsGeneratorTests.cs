using Warpscope.Core.Datasets;
using Warpscope.Core.Datasets.Generators;

namespace Warpscope.Core.Tests.Datasets;

public class RingsGeneratorTests
{
    private static LabeledPoints Points(double noise = 0) =>
        new RingsGenerator().Generate(new DatasetSpec("rings", 4000, noise), new Random(4));

    [Fact]
    public void Rings_NoiseZero_Class0IsTheDiskAndClass1TheAnnulus()
    {
        var p = Points();
        for (var i = 0; i < p.Count; i++)
        {
            var r = Geometry.Radius(p, i);
            if (p.Labels[i] == 0) Assert.InRange(r, 0, 1.0 / 3 + 1e-6);
            else Assert.InRange(r, 2.0 / 3 - 1e-6, 1 + 1e-6);
        }
        Assert.Equal([2000, 2000], Geometry.ClassCounts(p, 2));
    }

    [Fact]
    public void Rings_Points_AreUniformByArea()
    {
        // Uniform by area: half the disk's area lies within radius (1/3)/√2, and half the annulus's
        // within sqrt((4/9 + 1)/2). Uniform by radius would put too many points near the centre.
        var p = Points();
        var diskInner = Geometry.IndicesOf(p, 0).Count(i => Geometry.Radius(p, i) < (1.0 / 3) / Math.Sqrt(2));
        var annulusInner = Geometry.IndicesOf(p, 1).Count(i => Geometry.Radius(p, i) < Math.Sqrt((4.0 / 9 + 1) / 2));
        Assert.InRange(diskInner, 900, 1100);
        Assert.InRange(annulusInner, 900, 1100);
    }

    [Fact]
    public void Rings_NoiseOne_MovesEachCoordinateByAtMostTheGap()
    {
        var clean = Points();
        var noisy = Points(noise: 1);
        var crossed = 0;
        for (var i = 0; i < clean.Count; i++)
        {
            Assert.InRange(Math.Abs(noisy.X[i] - clean.X[i]), 0, 1.0 / 3 + 1e-6);
            Assert.InRange(Math.Abs(noisy.Y[i] - clean.Y[i]), 0, 1.0 / 3 + 1e-6);
            if (noisy.Labels[i] == 0 && Geometry.Radius(noisy, i) > 0.5) crossed++;
        }
        Assert.True(crossed > 0);
    }
}
