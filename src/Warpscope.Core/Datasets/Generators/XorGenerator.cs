namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// The Playground's xor: class 0 where x and y share a sign (quadrants I and III), class 1 where
/// they differ. Noise flips labels near the axes without moving points.
/// </summary>
public sealed class XorGenerator : IDatasetGenerator
{
    // Each coordinate is pushed this far from its axis, leaving an empty cross between quadrants.
    private const double Padding = 0.3;

    public string Name => "xor";
    public string Description => "four quadrants, labels by sign of x·y (TensorFlow Playground)";
    public PlaneRect Domain => PlaneRect.Square(6);

    private SpecLimits Limits => new(Name, SpecLimits.PlaygroundMaxNoise);

    public IReadOnlyList<string> ClassNames(DatasetSpec spec)
    {
        Limits.CheckClasses(spec);
        return Sampling.NumberedClasses(2);
    }

    /// <remarks>The classes are balanced only in expectation: each point's quadrant is drawn at random.</remarks>
    public LabeledPoints Generate(DatasetSpec spec, Random random)
    {
        Limits.Check(spec);
        var points = new PointBuffer(spec.Points);
        for (var i = 0; i < spec.Points; i++)
        {
            var x = PushedFromAxis(Sampling.Uniform(random, -5, 5));
            var y = PushedFromAxis(Sampling.Uniform(random, -5, 5));
            var nx = Sampling.Uniform(random, -5, 5) * spec.Noise;
            var ny = Sampling.Uniform(random, -5, 5) * spec.Noise;
            points.Add(x, y, (x + nx) * (y + ny) >= 0 ? 0 : 1);
        }
        return points.ToPoints();
    }

    private static double PushedFromAxis(double v) => v > 0 ? v + Padding : v - Padding;
}
