namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// Olah's first example ("Neural Networks, Manifolds, and Topology"): two interleaved S-curves,
/// class 0 on y = tanh(3x) − 0.2 and class 1 on y = tanh(3x) + 0.2, x ~ U(−1, 1). No straight line
/// separates them: the S strays from a line by more than the 0.4 between the curves (from y = x by
/// up to 0.43), so the best line gets about 84 % right. One hidden layer of two tanh units separates
/// them fully, e.g. h1 = tanh(3x), h2 = tanh(y/2) and class 1 where 2·h2 − h1 &gt; 0: the layer
/// straightens the S. Noise adds U(−1, 1)·noise to y only, so above noise 0.2 the curves overlap.
/// </summary>
internal sealed class CurvesGenerator : TwoClassGenerator
{
    private const double Steepness = 3;
    private const double HalfGap = 0.2;

    public override string Name => "curves";
    public override string Description => "two interleaved S-curves a line cannot split but 2 tanh units can (Olah)";
    public override PlaneRect Domain => PlaneRect.Square(1.5f);

    // The curves span only ±1.2 vertically: noise up to 1 blurs them fully, which is worth seeing.
    protected override double MaxNoise => 1;

    protected override void Draw(DatasetSpec spec, Random random, PointBuffer points)
    {
        for (var label = 0; label < 2; label++)
        {
            var offset = label == 0 ? -HalfGap : HalfGap;
            for (var i = Sampling.ShareOf(spec.Points, 2, label); i > 0; i--)
            {
                var x = Sampling.Uniform(random, -1, 1);
                var y = Math.Tanh(Steepness * x) + offset + Sampling.Uniform(random, -1, 1) * spec.Noise;
                points.Add(x, y, label);
            }
        }
    }
}
