using Warpscope.Core.Datasets;
using Warpscope.Core.Datasets.Generators;

namespace Warpscope.Core.Tests.Datasets;

public class CircleGeneratorTests
{
    private static LabeledPoints Points(double noise, int count = 1000) =>
        new CircleGenerator().Generate(new DatasetSpec("circle", count, noise), new Random(5));

    [Fact]
    public void Circle_NoiseZero_InnerDiskIsClass0AndOuterRingIsClass1()
    {
        var p = Points(0);
        for (var i = 0; i < p.Count; i++)
        {
            if (p.Labels[i] == 0) Assert.InRange(Geometry.Radius(p, i), 0, 2.5);
            else Assert.InRange(Geometry.Radius(p, i), 3.5 - 1e-5, 5 + 1e-5);
        }
        Assert.Equal([500, 500], Geometry.ClassCounts(p, 2));
    }

    [Fact]
    public void Circle_Noise_FlipsSomeLabelsButMovesNoPoint()
    {
        var p = Points(0.5);
        var flipped = 0;
        for (var i = 0; i < p.Count; i++)
        {
            var r = Geometry.Radius(p, i);
            Assert.True(r < 2.5 || (r > 3.5 - 1e-5 && r < 5 + 1e-5), $"radius {r} is in neither band");
            var band = r < 2.5 ? 0 : 1;
            if (band != p.Labels[i]) flipped++;
        }
        Assert.InRange(flipped, 50, 500);
    }

    [Fact]
    public void Circle_OddCount_GivesTheExtraPointToClass0()
    {
        Assert.Equal([4, 3], Geometry.ClassCounts(Points(0, count: 7), 2));
    }
}
