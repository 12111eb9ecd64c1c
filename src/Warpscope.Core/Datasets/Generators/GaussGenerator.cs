namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// The Playground's two Gaussians: class 0 around (2, 2), class 1 around (−2, −2), each coordinate
/// normal with variance 0.5 + 7·noise (the Playground maps noise 0..0.5 linearly onto variance 0.5..4).
/// </summary>
internal sealed class GaussGenerator : TwoClassGenerator
{
    public override string Name => "gauss";
    public override string Description => "two Gaussian blobs (TensorFlow Playground)";
    public override PlaneRect Domain => PlaneRect.Square(6);

    protected override double MaxNoise => SpecLimits.PlaygroundMaxNoise;

    protected override void Draw(DatasetSpec spec, Random random, PointBuffer points)
    {
        var sd = Math.Sqrt(0.5 + 7 * spec.Noise);
        Add(points, Sampling.ShareOf(spec.Points, 2, 0), 2, 0, sd, random);
        Add(points, Sampling.ShareOf(spec.Points, 2, 1), -2, 1, sd, random);
    }

    private static void Add(PointBuffer points, int count, double centre, int label, double sd, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            var x = Sampling.Normal(random, centre, sd);
            var y = Sampling.Normal(random, centre, sd);
            points.Add(x, y, label);
        }
    }
}
