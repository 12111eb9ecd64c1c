namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// The Playground's xor: class 0 where x and y share a sign (quadrants I and III), class 1 where
/// they differ. Noise flips labels near the axes without moving points.
/// </summary>
internal sealed class XorGenerator : TwoClassGenerator
{
    // Each coordinate is pushed this far from its axis, leaving an empty cross between quadrants.
    private const double Padding = 0.3;

    public override string Name => "xor";
    public override string Description => "four quadrants, labels by sign of x·y (TensorFlow Playground)";
    public override PlaneRect Domain => PlaneRect.Square(6);

    protected override double MaxNoise => SpecLimits.PlaygroundMaxNoise;

    /// <remarks>The classes are balanced only in expectation: each point's quadrant is drawn at random.</remarks>
    protected override void Draw(DatasetSpec spec, Random random, PointBuffer points)
    {
        for (var i = 0; i < spec.Points; i++)
        {
            var x = PushedFromAxis(Sampling.Uniform(random, -5, 5));
            var y = PushedFromAxis(Sampling.Uniform(random, -5, 5));
            var nx = Sampling.Uniform(random, -5, 5) * spec.Noise;
            var ny = Sampling.Uniform(random, -5, 5) * spec.Noise;
            points.Add(x, y, (x + nx) * (y + ny) >= 0 ? 0 : 1);
        }
    }

    private static double PushedFromAxis(double v) => v > 0 ? v + Padding : v - Padding;
}
