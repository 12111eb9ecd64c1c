using Warpscope.Core.Datasets;
using Warpscope.Core.Datasets.Generators;

namespace Warpscope.Core.Tests.Datasets;

public class CurvesGeneratorTests
{
    private static LabeledPoints Points(double noise = 0) =>
        new CurvesGenerator().Generate(new DatasetSpec("curves", 600, noise, Seed: 3), new Random(3));

    [Fact]
    public void Curves_NoiseZero_PointsLieOnTheTwoShiftedSCurves()
    {
        var p = Points();
        for (var i = 0; i < p.Count; i++)
        {
            var offset = p.Labels[i] == 0 ? -0.2 : 0.2;
            Assert.InRange(p.X[i], -1f, 1f);
            Assert.Equal(Math.Tanh(3 * p.X[i]) + offset, p.Y[i], 1e-6);
        }
        Assert.Equal([300, 300], Geometry.ClassCounts(p, 2));
    }

    [Fact]
    public void Curves_BestStraightLine_StaysBelow90Percent()
    {
        var best = Geometry.BestLineAccuracy(Points());
        Assert.True(best < 0.9, $"a line reaches {best:P1}");
    }

    [Fact]
    public void Curves_HandBuiltTwoTanhUnitNet_Reaches100Percent()
    {
        // Hidden layer: h1 = tanh(3x) follows the S; h2 = tanh(y/2) is nearly y over ±1.2.
        // Output: class 1 where 2·h2 − h1 > 0, i.e. roughly y > tanh(3x), between the curves.
        var p = Points();
        var correct = 0;
        for (var i = 0; i < p.Count; i++)
        {
            var h1 = Math.Tanh(3.0 * p.X[i] + 0.0 * p.Y[i] + 0.0);
            var h2 = Math.Tanh(0.0 * p.X[i] + 0.5 * p.Y[i] + 0.0);
            var logit = -1.0 * h1 + 2.0 * h2 + 0.0;
            if ((logit > 0 ? 1 : 0) == p.Labels[i]) correct++;
        }
        Assert.Equal(p.Count, correct);
    }

    [Fact]
    public void Curves_Noise_MovesOnlyY_ByAtMostNoise()
    {
        var p = Points(noise: 0.1);
        for (var i = 0; i < p.Count; i++)
        {
            var offset = p.Labels[i] == 0 ? -0.2 : 0.2;
            Assert.InRange(p.Y[i] - (Math.Tanh(3 * p.X[i]) + offset), -0.1 - 1e-6, 0.1 + 1e-6);
        }
    }
}
