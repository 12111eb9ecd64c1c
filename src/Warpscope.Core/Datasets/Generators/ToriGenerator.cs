namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// Olah's linked tori, a 3-D dataset: two rings of radius 1 linked like two links of a chain. Ring 0
/// lies in the xy-plane around (−½, 0, 0), ring 1 in the xz-plane around (½, 0, 0), so each ring's
/// circle passes through the other's centre. Each point sits on its ring's circle at a uniform angle,
/// then moves uniformly within the tube's disk of radius <see cref="BaseTube"/> + noise/2, across the
/// ring. The two circles come no closer than 1, so the tubes (radius at most 0.4) never touch.
/// No homeomorphism of 3-D space pulls linked rings apart, so a network whose layers are all 3 units
/// wide cannot separate them; one layer of 4 units can.
/// </summary>
internal sealed class ToriGenerator : TwoClassGenerator
{
    public const double Radius = 1;
    public const double Offset = 0.5;
    public const double BaseTube = 0.1;
    private const double NoiseLimit = 0.6;

    public override string Name => "tori";
    public override string Description => "two linked rings in 3-D, the 3-unit-wide impossibility (Olah); 3 inputs x, y, z";
    public override PlaneRect Domain => PlaneRect.Square(2);

    public override int Dimensions => 3;

    protected override double MaxNoise => NoiseLimit;

    protected override void Draw(DatasetSpec spec, Random random, PointBuffer points)
    {
        var tube = BaseTube + spec.Noise / 2;
        for (var ring = 0; ring < 2; ring++)
        {
            var n = Sampling.ShareOf(spec.Points, 2, ring);
            for (var i = 0; i < n; i++)
            {
                var angle = Sampling.Uniform(random, 0, 2 * Math.PI);
                // Uniform in the tube's disk: radius √U·tube, angle U(0, 2π).
                var rho = tube * Math.Sqrt(random.NextDouble());
                var phi = Sampling.Uniform(random, 0, 2 * Math.PI);
                var across = Radius + rho * Math.Cos(phi);
                var off = rho * Math.Sin(phi);
                if (ring == 0) points.Add(-Offset + across * Math.Cos(angle), across * Math.Sin(angle), off, 0);
                else points.Add(Offset + across * Math.Cos(angle), off, across * Math.Sin(angle), 1);
            }
        }
    }
}
