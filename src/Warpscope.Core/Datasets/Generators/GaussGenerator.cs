namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// The Playground's two Gaussians: class 0 around (2, 2), class 1 around (−2, −2), each coordinate
/// normal with variance 0.5 + 7·noise (the Playground maps noise 0..0.5 linearly onto variance 0.5..4).
/// </summary>
public sealed class GaussGenerator : IDatasetGenerator
{
    public string Name => "gauss";
    public string Description => "two Gaussian blobs (TensorFlow Playground)";
    public PlaneRect Domain => PlaneRect.Square(6);

    private SpecLimits Limits => new(Name, SpecLimits.PlaygroundMaxNoise);

    public IReadOnlyList<string> ClassNames(DatasetSpec spec)
    {
        Limits.CheckClasses(spec);
        return Sampling.NumberedClasses(2);
    }

    public LabeledPoints Generate(DatasetSpec spec, Random random)
    {
        Limits.Check(spec);
        var sd = Math.Sqrt(0.5 + 7 * spec.Noise);
        var points = new PointBuffer(spec.Points);
        Add(points, Sampling.ShareOf(spec.Points, 2, 0), 2, 0, sd, random);
        Add(points, Sampling.ShareOf(spec.Points, 2, 1), -2, 1, sd, random);
        return points.ToPoints();
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
