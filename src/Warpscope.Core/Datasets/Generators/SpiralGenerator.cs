namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// The Playground's spiral, generalised to K arms: arm k (class k) holds n_k points, i = 0..n_k−1,
/// at r = 5i/n_k and t = 1.75·2π·i/n_k + 2πk/K, placed at (r sin t, r cos t). For K = 2 the phases
/// are the Playground's 0 and π. Each arm winds 1.75 turns out to radius 5; noise then moves each
/// coordinate by U(−1, 1)·noise.
/// </summary>
public sealed class SpiralGenerator : IDatasetGenerator
{
    private const int MaxClasses = 8;
    private const double MaxRadius = 5;
    private const double Turns = 1.75;

    public string Name => "spiral";
    public string Description => $"interleaved spiral arms, one per class, 2 to {MaxClasses} (TensorFlow Playground)";
    public PlaneRect Domain => PlaneRect.Square(6);

    private SpecLimits Limits => new(Name, SpecLimits.PlaygroundMaxNoise, MaxClasses);

    public IReadOnlyList<string> ClassNames(DatasetSpec spec)
    {
        Limits.CheckClasses(spec);
        return Sampling.NumberedClasses(spec.Classes);
    }

    public LabeledPoints Generate(DatasetSpec spec, Random random)
    {
        Limits.Check(spec);
        var points = new PointBuffer(spec.Points);
        for (var k = 0; k < spec.Classes; k++)
        {
            var n = Sampling.ShareOf(spec.Points, spec.Classes, k);
            var phase = 2 * Math.PI * k / spec.Classes;
            for (var i = 0; i < n; i++)
            {
                var progress = (double)i / n;
                var r = MaxRadius * progress;
                var t = Turns * 2 * Math.PI * progress + phase;
                var x = r * Math.Sin(t) + Sampling.Uniform(random, -1, 1) * spec.Noise;
                var y = r * Math.Cos(t) + Sampling.Uniform(random, -1, 1) * spec.Noise;
                points.Add(x, y, k);
            }
        }
        return points.ToPoints();
    }
}
