using Warpscope.Core.Datasets;
using Warpscope.Core.Datasets.Generators;

namespace Warpscope.Core.Tests.Datasets;

public class XorGeneratorTests
{
    private static LabeledPoints Points(double noise) =>
        new XorGenerator().Generate(new DatasetSpec("xor", 2000, noise), new Random(8));

    [Fact]
    public void Xor_NoiseZero_LabelIsClass0ExactlyWhereXAndYShareASign()
    {
        var p = Points(0);
        for (var i = 0; i < p.Count; i++)
        {
            Assert.Equal(p.X[i] * p.Y[i] > 0 ? 0 : 1, p.Labels[i]);
        }
    }

    [Fact]
    public void Xor_Points_KeepOutOfThePaddingAroundTheAxes()
    {
        var p = Points(0.3);
        for (var i = 0; i < p.Count; i++)
        {
            Assert.InRange(Math.Abs(p.X[i]), 0.3f, 5.3f);
            Assert.InRange(Math.Abs(p.Y[i]), 0.3f, 5.3f);
        }
    }

    [Fact]
    public void Xor_Classes_AreBalancedInExpectation()
    {
        var counts = Geometry.ClassCounts(Points(0), 2);
        Assert.InRange(counts[0], 900, 1100);
    }

    [Fact]
    public void Xor_Noise_FlipsLabelsOnlyNearTheAxes()
    {
        var p = Points(0.1);
        var flipped = 0;
        for (var i = 0; i < p.Count; i++)
        {
            if ((p.X[i] * p.Y[i] > 0 ? 0 : 1) == p.Labels[i]) continue;
            flipped++;
            // Noise shifts the point at which the label is read by at most 5·noise per coordinate.
            Assert.True(Math.Min(Math.Abs(p.X[i]), Math.Abs(p.Y[i])) <= 0.5 + 1e-6);
        }
        Assert.True(flipped > 0);
    }
}
