namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// scikit-learn's make_moons, centred on the origin: class 0 on the upper arc (cos t, sin t),
/// class 1 on the lower arc (1 − cos t, 0.5 − sin t), t ~ U(0, π) (scikit-learn spaces t evenly;
/// random t gives the same density without a visible lattice), then shifted by (−0.5, −0.25) so the
/// noiseless moons span [−1.5, 1.5] × [−0.75, 0.75]. Noise adds N(0, noise²) to each coordinate, as
/// scikit-learn's <c>noise</c> does (0.1 to 0.3 are its usual values; up to 1 is allowed).
/// </summary>
internal sealed class MoonsGenerator : TwoClassGenerator
{
    private const double ShiftX = -0.5;
    private const double ShiftY = -0.25;

    public override string Name => "moons";
    public override string Description => "two interleaving half circles (scikit-learn make_moons)";

    // scikit-learn's usual plot range around the moons, [−1.5, 2.5] × [−1.25, 1.75], shifted with them.
    public override PlaneRect Domain => new(-2f, 2f, -1.5f, 1.5f);

    protected override double MaxNoise => 1;

    protected override void Draw(DatasetSpec spec, Random random, PointBuffer points)
    {
        for (var label = 0; label < 2; label++)
        {
            for (var i = Sampling.ShareOf(spec.Points, 2, label); i > 0; i--)
            {
                var t = Sampling.Uniform(random, 0, Math.PI);
                var (x, y) = label == 0 ? (Math.Cos(t), Math.Sin(t)) : (1 - Math.Cos(t), 0.5 - Math.Sin(t));
                x += ShiftX + Sampling.Normal(random, 0, spec.Noise);
                y += ShiftY + Sampling.Normal(random, 0, spec.Noise);
                points.Add(x, y, label);
            }
        }
    }
}
