namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// The Playground's circle: class 0 is a disk of radius R/2, class 1 a ring from 0.7R to R (R = 5).
/// Noise moves no point; it jitters the position at which the label is decided, so points near the
/// inner boundary may take the other class.
/// </summary>
internal sealed class CircleGenerator : TwoClassGenerator
{
    private const double Radius = 5;

    public override string Name => "circle";
    public override string Description => "disk inside a ring (TensorFlow Playground)";
    public override PlaneRect Domain => PlaneRect.Square(6);

    protected override double MaxNoise => SpecLimits.PlaygroundMaxNoise;

    protected override void Draw(DatasetSpec spec, Random random, PointBuffer points)
    {
        // The Playground draws its inner points first (its label +1, our class 0), then the ring.
        Add(points, Sampling.ShareOf(spec.Points, 2, 0), 0, Radius * 0.5, spec.Noise, random);
        Add(points, Sampling.ShareOf(spec.Points, 2, 1), Radius * 0.7, Radius, spec.Noise, random);
    }

    // r ~ U(rMin, rMax) is uniform in radius, not by area: the Playground's recipe, kept as is.
    private static void Add(PointBuffer points, int count, double rMin, double rMax, double noise, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            var r = Sampling.Uniform(random, rMin, rMax);
            var angle = Sampling.Uniform(random, 0, 2 * Math.PI);
            var x = r * Math.Sin(angle);
            var y = r * Math.Cos(angle);
            var nx = Sampling.Uniform(random, -Radius, Radius) * noise;
            var ny = Sampling.Uniform(random, -Radius, Radius) * noise;
            var inside = Math.Sqrt((x + nx) * (x + nx) + (y + ny) * (y + ny)) < Radius * 0.5;
            points.Add(x, y, inside ? 0 : 1);
        }
    }
}
