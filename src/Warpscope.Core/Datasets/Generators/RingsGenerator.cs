namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// Olah's topology example: class 0 is the disk |p| &lt; 1/3, class 1 the annulus 2/3 &lt; |p| &lt; 1,
/// half the points each, both uniform by area. A network whose layers are all 2 units wide cannot
/// separate them (it would have to tear the annulus); one layer of 3 units can, by lifting the disk
/// out of the plane. Noise moves each coordinate by U(−1, 1)·noise/3: the gap between the sets is
/// 1/3 wide, so at noise 1 a point can move across the whole gap.
/// </summary>
internal sealed class RingsGenerator : TwoClassGenerator
{
    private const double DiskRadius = 1.0 / 3;
    private const double AnnulusInner = 2.0 / 3;
    private const double AnnulusOuter = 1;
    private const double Gap = AnnulusInner - DiskRadius;

    public override string Name => "rings";
    public override string Description => "disk inside an annulus, the 2-unit-wide impossibility (Olah)";
    public override PlaneRect Domain => PlaneRect.Square(1.2f);

    protected override double MaxNoise => 1;

    protected override void Draw(DatasetSpec spec, Random random, PointBuffer points)
    {
        Add(points, Sampling.ShareOf(spec.Points, 2, 0), 0, DiskRadius, 0, spec.Noise, random);
        Add(points, Sampling.ShareOf(spec.Points, 2, 1), AnnulusInner, AnnulusOuter, 1, spec.Noise, random);
    }

    private static void Add(PointBuffer points, int count, double rMin, double rMax, int label, double noise, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            // Area within radius r grows as r², so r = sqrt(U(rMin², rMax²)) is uniform by area.
            // 1 − NextDouble lies in (0, 1], keeping r strictly above rMin (the sets are open there).
            var u = 1 - random.NextDouble();
            var r = Math.Sqrt(rMax * rMax - u * (rMax * rMax - rMin * rMin));
            var angle = Sampling.Uniform(random, 0, 2 * Math.PI);
            var x = r * Math.Cos(angle) + Sampling.Uniform(random, -1, 1) * noise * Gap;
            var y = r * Math.Sin(angle) + Sampling.Uniform(random, -1, 1) * noise * Gap;
            points.Add(x, y, label);
        }
    }
}
