using Warpscope.Core.Datasets;
using Warpscope.Core.Datasets.Generators;

namespace Warpscope.Core.Tests.Datasets;

public class MoonsGeneratorTests
{
    [Fact]
    public void Moons_NoiseZero_PointsLieOnTheTwoUnitArcs_CentredOnTheOrigin()
    {
        var p = new MoonsGenerator().Generate(new DatasetSpec("moons", 1000), new Random(6));
        for (var i = 0; i < p.Count; i++)
        {
            // Undo the shift; class 0 is the upper arc around (0, 0), class 1 the lower around (1, 0.5).
            double x = p.X[i] + 0.5, y = p.Y[i] + 0.25;
            var (cx, cy, upper) = p.Labels[i] == 0 ? (0.0, 0.0, true) : (1.0, 0.5, false);
            Assert.Equal(1, Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)), 1e-6);
            Assert.True(upper ? y >= cy - 1e-6 : y <= cy + 1e-6);
        }
        Assert.Equal(0, p.X.Average(), 0.05);
        Assert.Equal(0, p.Y.Average(), 0.05);
    }

    [Fact]
    public void Moons_Noise_IsNormalWithSdNoise_OnEachCoordinate()
    {
        // The draws do not depend on the noise level (it only scales them), so the same seed at
        // noise 0 and 0.2 places the same arc points and the difference is the noise alone.
        var clean = new MoonsGenerator().Generate(new DatasetSpec("moons", 8000), new Random(6));
        var noisy = new MoonsGenerator().Generate(new DatasetSpec("moons", 8000, 0.2), new Random(6));
        foreach (var (a, b) in new[] { (noisy.X, clean.X), (noisy.Y, clean.Y) })
        {
            var d = a.Zip(b, (u, v) => (double)u - v).ToArray();
            var mean = d.Average();
            var variance = d.Sum(e => (e - mean) * (e - mean)) / (d.Length - 1);
            Assert.Equal(0, mean, 4 * 0.2 / Math.Sqrt(d.Length));
            Assert.Equal(0.04, variance, 4 * 0.04 * Math.Sqrt(2.0 / d.Length));
            // Normal, not uniform: about 4.6 % of draws lie beyond 2 sd (a uniform has none there).
            Assert.InRange(d.Count(e => Math.Abs(e) > 0.4) / (double)d.Length, 0.035, 0.06);
        }
    }
}
