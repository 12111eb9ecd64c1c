using System.Numerics;

namespace Warpscope.Core.Representations.Geometry;

/// <summary>
/// A 3-D view for drawing a three-unit layer: the camera orbits <see cref="Target"/> at
/// <see cref="Distance"/> and looks at it. Angles are in degrees.
/// </summary>
/// <remarks>
/// <para><b>World axes.</b> Right-handed, z up. With Yaw = 0 and Pitch = 0 the camera sits at
/// Target − Distance·ŷ and looks along +y at the x–z plane: +x is screen right, +z is screen up.</para>
/// <para><b>Yaw</b> (ψ) orbits the camera counter-clockwise about the vertical z axis seen from above:
/// at 90° it sits on the +x side looking along −x, with +y to the right. <b>Pitch</b> (θ) raises the camera
/// so it looks down: the top of the scene tilts toward the viewer. The camera frame is
/// forward f = (−sinψ·cosθ, cosψ·cosθ, −sinθ), right r = (cosψ, sinψ, 0), up u = r × f =
/// (−sinψ·sinθ, cosψ·sinθ, cosθ).</para>
/// <para><b>Screen.</b> The visible square is [−1, 1]², x right, y up. With h = tan(FieldOfView/2),
/// perspective maps view (x, y, z) to (x, y)/(z·h); orthographic maps it to (x, y)/(Distance·h), the
/// perspective scale at the target's depth, so toggling projection keeps the target's neighbourhood the
/// same size. Perspective gives (NaN, NaN) for points at or behind the camera plane (z ≤ 0): not visible.</para>
/// <para>Distance must be positive and FieldOfView within (0°, 180°); a camera made otherwise projects nonsense.</para>
/// </remarks>
public sealed record Camera(float Yaw = 30, float Pitch = 20, float Distance = 4, bool Perspective = true, float FieldOfView = 35)
{
    /// <summary>Fraction of the half-width of the screen that <see cref="Fit"/> lets the farthest point reach.</summary>
    private const float FitMargin = 0.95f;

    /// <summary>The point looked at, which projects to the screen centre.</summary>
    public Vector3 Target { get; init; }

    /// <summary>
    /// Camera coordinates: x right, y up, z the depth in front of the camera, (p − Target)·f + Distance,
    /// so the target sits at depth Distance.
    /// </summary>
    public Vector3 ToView(Vector3 world) => Frame.ToView(world);

    /// <summary>Normalised screen coordinates; the visible square is [−1, 1]².</summary>
    public Vector2 Project(Vector3 world) => Frame.Project(world);

    /// <summary>Projects many points, working out the camera frame once. world and screen have equal lengths.</summary>
    public void Project(ReadOnlySpan<Vector3> world, Span<Vector2> screen)
    {
        if (screen.Length != world.Length)
        {
            throw new ArgumentException($"screen has {screen.Length} slots for {world.Length} points.", nameof(screen));
        }
        var frame = Frame;
        for (var i = 0; i < world.Length; i++) screen[i] = frame.Project(world[i]);
    }

    /// <summary>Distance in front of the camera along its view direction; paint the largest first.</summary>
    public float Depth(Vector3 world) => ToView(world).Z;

    /// <summary>
    /// A camera at the given angles looking at the centre of the points' bounding box, placed at the nearest
    /// distance that shows every point inside [−0.95, 0.95]² (the farthest-out one lands on that margin).
    /// </summary>
    /// <remarks>
    /// With margin m = 0.95 and h = tan(FieldOfView/2): relative to the target a point has view coordinates
    /// (x, y, z₀) independent of the distance D, and its
    /// depth is z₀ + D. Orthographic: |x|, |y| ≤ m·h·D ⇔ D ≥ max(|x|, |y|)/(m·h). Perspective: |x|, |y| ≤ m·h·(z₀ + D)
    /// ⇔ D ≥ max(|x|, |y|)/(m·h) − z₀. The largest bound over the points is the answer.
    /// </remarks>
    public static Camera Fit(ReadOnlySpan<Vector3> points, float yaw, float pitch, bool perspective)
    {
        if (points.IsEmpty) throw new ArgumentException("Fit needs at least one point.", nameof(points));
        var min = points[0];
        var max = points[0];
        foreach (var p in points)
        {
            min = Vector3.Min(min, p);
            max = Vector3.Max(max, p);
        }
        var camera = new Camera(yaw, pitch, 1, perspective) { Target = 0.5f * (min + max) };
        var frame = camera.Frame;
        var h = FitMargin * frame.HalfTangent;
        // A point exactly at the camera plane would have no projection; keep a sliver of depth in front.
        var near = 1e-3f * (max - min).Length();
        var distance = 0f;
        foreach (var p in points)
        {
            var v = frame.ToView(p) - new Vector3(0, 0, camera.Distance);
            var extent = MathF.Max(MathF.Abs(v.X), MathF.Abs(v.Y)) / h;
            distance = MathF.Max(distance, perspective ? MathF.Max(extent - v.Z, near - v.Z) : extent);
        }
        // All points at the target: any distance shows them; keep a unit one.
        return camera with { Distance = distance > 0 ? distance : 1 };
    }

    /// <summary>Worked out on demand rather than cached: a `with` copy would carry a stale cached frame.</summary>
    private ViewFrame Frame
    {
        get
        {
            var (sinYaw, cosYaw) = MathF.SinCos(Yaw * MathF.PI / 180);
            var (sinPitch, cosPitch) = MathF.SinCos(Pitch * MathF.PI / 180);
            return new ViewFrame(
                Right: new Vector3(cosYaw, sinYaw, 0),
                Up: new Vector3(-sinYaw * sinPitch, cosYaw * sinPitch, cosPitch),
                Forward: new Vector3(-sinYaw * cosPitch, cosYaw * cosPitch, -sinPitch),
                Target, Distance, Perspective,
                HalfTangent: MathF.Tan(FieldOfView * MathF.PI / 360));
        }
    }

    /// <summary>
    /// Everything a projection needs, worked out once: the camera's orthonormal frame in world coordinates and
    /// h = tan(FieldOfView/2), the half-height of the visible square at unit depth.
    /// </summary>
    private readonly record struct ViewFrame(Vector3 Right, Vector3 Up, Vector3 Forward, Vector3 Target, float Distance, bool Perspective, float HalfTangent)
    {
        public Vector3 ToView(Vector3 world)
        {
            var p = world - Target;
            return new Vector3(Vector3.Dot(p, Right), Vector3.Dot(p, Up), Vector3.Dot(p, Forward) + Distance);
        }

        public Vector2 Project(Vector3 world)
        {
            var view = ToView(world);
            if (!Perspective) return new Vector2(view.X, view.Y) / (Distance * HalfTangent);
            if (view.Z <= 0) return new Vector2(float.NaN, float.NaN);
            return new Vector2(view.X, view.Y) / (view.Z * HalfTangent);
        }
    }
}
