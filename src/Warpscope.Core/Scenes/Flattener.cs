using System.Numerics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Representations;
using Warpscope.Core.Representations.Geometry;

namespace Warpscope.Core.Scenes;

/// <summary>
/// Turns projected points (1, 2 or 3 coordinates) into the scene's 2-D window: a 1-unit layer is
/// laid on the x axis, a 2-unit layer is drawn as it is, a 3-unit layer through a camera (the
/// window is then the camera's [−1, 1]² and depth is kept for painter's order).
/// </summary>
internal sealed class Flattener
{
    private Flattener(int dimensions, Camera? camera)
    {
        Dimensions = dimensions;
        Camera = camera;
    }

    public int Dimensions { get; }
    public Camera? Camera { get; }

    public static Flattener Flat(int dimensions) => new(dimensions, null);

    public static Flattener Through(Camera camera) => new(3, camera);

    /// <summary>A 3-D flattener whose camera sees all the given points.</summary>
    public static Flattener ThreeD(IEnumerable<PointCloud> clouds, ViewOptions options)
    {
        var all = clouds.SelectMany(c => Enumerable.Range(0, c.Count).Select(i => new Vector3(c[0, i], c[1, i], c[2, i]))).ToArray();
        return new Flattener(3, Camera.Fit(all, options.Yaw, options.Pitch, options.Perspective));
    }

    public Vector2 Point(PointCloud cloud, int i) => Dimensions switch
    {
        1 => new Vector2(cloud[0, i], 0),
        2 => new Vector2(cloud[0, i], cloud[1, i]),
        _ => Camera!.Project(new Vector3(cloud[0, i], cloud[1, i], cloud[2, i])),
    };

    public Vector2 Point(Vector3 p) => Camera!.Project(p);

    public float Depth(PointCloud cloud, int i) =>
        Camera is null ? 0 : Camera.Depth(new Vector3(cloud[0, i], cloud[1, i], cloud[2, i]));

    /// <summary>The window that shows the given clouds: their bounding box with a margin (equal scales), or [−1, 1]² in 3-D.</summary>
    public PlaneRect Window(IEnumerable<PointCloud> clouds)
    {
        if (Camera is not null) return PlaneRect.Square(1.05f);
        float xMin = float.MaxValue, xMax = float.MinValue, yMin = float.MaxValue, yMax = float.MinValue;
        foreach (var cloud in clouds)
        {
            for (var i = 0; i < cloud.Count; i++)
            {
                var p = Point(cloud, i);
                if (!float.IsFinite(p.X) || !float.IsFinite(p.Y)) continue;
                xMin = MathF.Min(xMin, p.X);
                xMax = MathF.Max(xMax, p.X);
                yMin = MathF.Min(yMin, p.Y);
                yMax = MathF.Max(yMax, p.Y);
            }
        }
        if (xMin > xMax) return PlaneRect.Square(1);
        if (Dimensions == 1)
        {
            yMin = -0.25f * MathF.Max(xMax - xMin, 1e-3f);
            yMax = -yMin;
        }
        // Equal scales on both axes, 6 % margin, never degenerate.
        var side = MathF.Max(MathF.Max(xMax - xMin, yMax - yMin), 1e-3f) * 1.12f;
        var cx = 0.5f * (xMin + xMax);
        var cy = 0.5f * (yMin + yMax);
        return new PlaneRect(cx - side / 2, cx + side / 2, cy - side / 2, cy + side / 2);
    }
}
