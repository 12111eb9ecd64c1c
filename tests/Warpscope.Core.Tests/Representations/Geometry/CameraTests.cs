using System.Numerics;
using Warpscope.Core.Representations.Geometry;

namespace Warpscope.Core.Tests.Representations.Geometry;

public class CameraTests
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(30, 20, true)]
    [InlineData(-75, 60, false)]
    [InlineData(200, -15, false)]
    public void Target_ProjectsToTheCentre_AtDepthDistance(float yaw, float pitch, bool perspective)
    {
        var camera = new Camera(yaw, pitch, 5, perspective) { Target = new Vector3(1, -2, 3) };
        Assert.Equal(0, camera.Project(camera.Target).Length(), Tolerance);
        Assert.Equal(5, camera.Depth(camera.Target), Tolerance);
    }

    [Fact]
    public void YawZeroPitchZero_LooksAlongPlusY_WithXRightAndZUp()
    {
        var camera = new Camera(Yaw: 0, Pitch: 0);
        var right = camera.Project(Vector3.UnitX);
        Assert.True(right.X > 0);
        Assert.Equal(0, right.Y, Tolerance);
        var up = camera.Project(Vector3.UnitZ);
        Assert.Equal(0, up.X, Tolerance);
        Assert.True(up.Y > 0);
        Assert.Equal(camera.Distance + 1, camera.Depth(Vector3.UnitY), Tolerance);
        Assert.Equal(new Vector3(1, 0, camera.Distance), camera.ToView(Vector3.UnitX));
    }

    [Fact]
    public void Yaw90_OrbitsTheCameraToPlusX_SoPlusYIsOnTheRight()
    {
        var camera = new Camera(Yaw: 90, Pitch: 0);
        var x = camera.Project(Vector3.UnitX);
        Assert.Equal(0, x.X, Tolerance);
        Assert.Equal(camera.Distance - 1, camera.Depth(Vector3.UnitX), Tolerance);
        Assert.True(camera.Project(Vector3.UnitY).X > 0);
    }

    [Fact]
    public void PositivePitch_LooksDown_SoTheTopComesNearerAndTheFarSideRises()
    {
        var camera = new Camera(Yaw: 0, Pitch: 30);
        Assert.True(camera.Depth(Vector3.UnitZ) < camera.Distance);
        Assert.True(camera.Project(Vector3.UnitY).Y > 0);
        var down = new Camera(Yaw: 0, Pitch: 90);
        Assert.Equal(down.Distance - 1, down.Depth(Vector3.UnitZ), Tolerance);
    }

    [Fact]
    public void ViewTransform_IsRigid()
    {
        var camera = new Camera(37, 23) { Target = new Vector3(0.3f, 0.1f, -0.2f) };
        Vector3 a = new(1, 2, 3), b = new(-2, 0.5f, 1);
        Assert.Equal(Vector3.Distance(a, b), Vector3.Distance(camera.ToView(a), camera.ToView(b)), 1e-4f);
    }

    [Fact]
    public void Perspective_MakesTheNearerOfTwoEqualSegmentsLonger()
    {
        var camera = new Camera(Yaw: 0, Pitch: 0, Perspective: true);
        var near = Length(camera, new Vector3(-0.5f, -1, 0), new Vector3(0.5f, -1, 0));
        var far = Length(camera, new Vector3(-0.5f, 1, 0), new Vector3(0.5f, 1, 0));
        Assert.True(near > far * 1.2f, $"near {near}, far {far}");
    }

    [Fact]
    public void Orthographic_KeepsEqualSegmentsEqual_AtThePerspectiveScaleOfTheTarget()
    {
        var ortho = new Camera(Yaw: 0, Pitch: 0, Perspective: false);
        var near = Length(ortho, new Vector3(-0.5f, -1, 0), new Vector3(0.5f, -1, 0));
        var far = Length(ortho, new Vector3(-0.5f, 1, 0), new Vector3(0.5f, 1, 0));
        Assert.Equal(near, far, Tolerance);
        // In the target's depth plane both projections agree.
        var perspective = ortho with { Perspective = true };
        var inPlane = new Vector3(0.7f, 0, -0.4f);
        Assert.Equal(perspective.Project(inPlane), ortho.Project(inPlane));
    }

    [Fact]
    public void HalfTheFieldOfView_ReachesTheEdgeOfTheVisibleSquare()
    {
        var camera = new Camera(Yaw: 0, Pitch: 0, Distance: 3, FieldOfView: 60);
        var edge = new Vector3(3 * MathF.Tan(MathF.PI / 6), 0, 0);
        Assert.Equal(1, camera.Project(edge).X, Tolerance);
    }

    [Fact]
    public void PointsBehindTheCamera_HaveNoPerspectiveProjection()
    {
        var camera = new Camera(Yaw: 0, Pitch: 0, Distance: 2);
        Assert.True(float.IsNaN(camera.Project(new Vector3(0, -3, 0)).X));
        Assert.False(float.IsNaN((camera with { Perspective = false }).Project(new Vector3(0, -3, 0)).X));
    }

    [Fact]
    public void With_RecomputesTheView()
    {
        var a = new Camera(Yaw: 0, Pitch: 0);
        var b = a with { Yaw = 90 };
        Assert.NotEqual(a.Project(Vector3.UnitY), b.Project(Vector3.UnitY));
        Assert.True(b.Project(Vector3.UnitY).X > 0);
    }

    [Theory]
    [InlineData(30, 20, true)]
    [InlineData(30, 20, false)]
    [InlineData(-120, 70, true)]
    [InlineData(10, -40, false)]
    public void Fit_ShowsEveryPoint_WithOneNearTheEdge(float yaw, float pitch, bool perspective)
    {
        var random = new Random(3);
        var points = Enumerable.Range(0, 200)
            .Select(_ => new Vector3(5 + 3 * random.NextSingle(), -2 + random.NextSingle(), 10 + 6 * random.NextSingle()))
            .ToArray();
        var camera = Camera.Fit(points, yaw, pitch, perspective);

        Assert.Equal(yaw, camera.Yaw);
        Assert.Equal(perspective, camera.Perspective);
        var screen = new Vector2[points.Length];
        camera.Project(points, screen);
        Assert.All(screen, p => Assert.True(MathF.Abs(p.X) <= 1 && MathF.Abs(p.Y) <= 1, $"{p} outside"));
        Assert.True(screen.Max(p => MathF.Max(MathF.Abs(p.X), MathF.Abs(p.Y))) > 0.9f);
        Assert.All(points, p => Assert.True(camera.Depth(p) > 0));
        Assert.Equal(camera.Project(points[7]), screen[7]);
    }

    [Fact]
    public void Fit_OfOnePoint_LooksAtIt()
    {
        var camera = Camera.Fit([new Vector3(1, 2, 3)], 30, 20, true);
        Assert.Equal(new Vector3(1, 2, 3), camera.Target);
        Assert.True(camera.Distance > 0);
        Assert.Equal(Vector2.Zero, camera.Project(new Vector3(1, 2, 3)));
    }

    private static float Length(Camera camera, Vector3 a, Vector3 b) => Vector2.Distance(camera.Project(a), camera.Project(b));
}
