using System.Numerics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Representations.Geometry;

namespace Warpscope.Core.Scenes;

/// <summary>
/// The input view of a network of 3-D inputs: the data as a 3-D scatter through the hidden views'
/// camera (yaw, pitch, perspective), and the decision surface shown as <see cref="Slices"/> horizontal
/// slices z = const of the data's box, each tinted cell by cell with the class the network predicts
/// there and crossed by the slice's decision boundary. Slices, not an isosurface: a slice says which
/// side is which class and reads in a still picture; a surface needs shading and a turning camera.
/// </summary>
public static class InputVolume
{
    /// <summary>Horizontal slices, at 1/6, 1/2 and 5/6 of the box's height: few enough that their tints do not pile up.</summary>
    public const int Slices = 3;

    /// <summary>Cells per side of each slice's tint (the boundary is traced on a finer lattice).</summary>
    public const int SliceCells = 24;

    private const int BoundaryLattice = 96;

    public static Scene Build(Network network, IReadOnlyList<string> classNames, Dataset? data, ViewOptions options)
    {
        if (data is null || data.Dimensions != 3)
            throw new UserInputException("the input view of a network of 3-D inputs draws its 3-D data; the model file has none");
        var (points, tests) = SceneFactory.DataPoints(data, options);
        var (min, max) = Box(data);
        var cloud = new PointCloud(3, points.Count, [.. points.X, .. points.Y, .. points.Z ?? []]);
        var flat = Flattener.ThreeD([cloud, BoxAxes.CornerCloud(min, max)], options);
        var pass = new ForwardPass(network);
        var regions = new List<SceneRegion>();
        var lines = new List<ScenePolyline>();
        for (var s = 0; s < Slices; s++)
        {
            var z = min.Z + (2 * s + 1) / (2f * Slices) * (max.Z - min.Z);
            AddSlice(pass, flat, min, max, z, regions, lines);
        }
        var names = data.AxisNames.Count == 3 ? data.AxisNames : Dataset.SpaceAxes;
        var (axes, labels) = BoxAxes.Place(flat, min, max, names);
        lines.AddRange(axes);
        return new Scene
        {
            Window = PlaneRect.Square(1.05f),
            ClassNames = classNames,
            Title = options.Title ?? "input space (3-D)",
            Subtitle = $"{network.Spec} · decision at {Slices} slices z = const",
            Axes = false,
            Regions = regions,
            Lines = lines,
            Labels = labels,
            Points = SceneFactory.Points(cloud, points.Labels, tests, flat),
        };
    }

    /// <summary>
    /// One slice z = const: its cells in runs of one predicted class (a run is one quadrilateral, so
    /// the tint has no seams inside a run), its outline, and its boundary p₁ = ½ (two classes).
    /// </summary>
    private static void AddSlice(ForwardPass pass, Flattener flat, Vector3 min, Vector3 max, float z, List<SceneRegion> regions, List<ScenePolyline> lines)
    {
        var rect = new PlaneRect(min.X, max.X, min.Y, max.Y);
        var n = SliceCells;
        var (cx, cy) = (new float[n * n], new float[n * n]);
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                cx[r * n + c] = rect.XMin + (c + 0.5f) * rect.Width / n;
                cy[r * n + c] = rect.YMin + (r + 0.5f) * rect.Height / n;
            }
        }
        var classes = new int[n * n];
        pass.Classify(cx, cy, classes, Enumerable.Repeat(z, n * n).ToArray());
        Vector2 At(float x, float y) => flat.Point(new Vector3(x, y, z));
        for (var r = 0; r < n; r++)
        {
            var y0 = rect.YMin + r * rect.Height / n;
            var y1 = y0 + rect.Height / n;
            for (var start = 0; start < n;)
            {
                var end = start;
                while (end + 1 < n && classes[r * n + end + 1] == classes[r * n + start]) end++;
                var x0 = rect.XMin + start * rect.Width / n;
                var x1 = rect.XMin + (end + 1) * rect.Width / n;
                regions.Add(new SceneRegion([At(x0, y0), At(x1, y0), At(x1, y1), At(x0, y1)], classes[r * n + start]));
                start = end + 1;
            }
        }
        lines.Add(new ScenePolyline([At(rect.XMin, rect.YMin), At(rect.XMax, rect.YMin), At(rect.XMax, rect.YMax), At(rect.XMin, rect.YMax), At(rect.XMin, rect.YMin)], LineKind.Grid));
        if (pass.Network.ClassCount != 2) return;
        var lattice = Lattice.Square(rect, BoundaryLattice);
        var (lx, ly) = lattice.Points();
        var p = new float[2 * lattice.Count];
        pass.Predict(lx, ly, Enumerable.Repeat(z, lattice.Count).ToArray(), p);
        foreach (var contour in MarchingSquares.Contours(p.AsSpan(lattice.Count, lattice.Count), lattice.Columns, lattice.Rows, lattice.Centres, 0.5f))
            lines.Add(new ScenePolyline([.. contour.Select(q => At(q.X, q.Y))], LineKind.Boundary));
    }

    /// <summary>The data's bounding box (training and test points), 5 % larger on each side: the view's box and camera fit it.</summary>
    internal static (Vector3 Min, Vector3 Max) Box(Dataset data)
    {
        var sets = new[] { data.Train, data.Test };
        var min = new Vector3(float.MaxValue);
        var max = new Vector3(float.MinValue);
        foreach (var set in sets)
        {
            for (var i = 0; i < set.Count; i++)
            {
                var q = new Vector3(set.X[i], set.Y[i], set.Z![i]);
                min = Vector3.Min(min, q);
                max = Vector3.Max(max, q);
            }
        }
        var pad = 0.05f * (max - min);
        return (min - pad, max + pad);
    }
}
