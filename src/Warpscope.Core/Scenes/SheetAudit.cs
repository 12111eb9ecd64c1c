using System.Buffers;
using System.Numerics;
using Warpscope.Core.Model;
using Warpscope.Core.Representations;

using Warpscope.Core.Representations.Geometry;

namespace Warpscope.Core.Scenes;

/// <summary>
/// Checks a hidden view's carried colours against the network: the sheet is rasterised as a
/// painter would draw it (pixel centres, cells in drawing order, later ones on top), each covered
/// pixel's point of the layer's space is recovered from its triangle (perspective-correct in 3-D),
/// and the rest of the network classifies that point. The drawn class is the cell's, or, where the
/// scene colours its sheet from a field (<see cref="Scene.SheetField"/>), the field's there. The share of covered pixels whose drawn class
/// differs is the view's disagreement: 0 means that nothing drawn contradicts the output layer.
/// </summary>
public static class SheetAudit
{
    /// <summary>
    /// The disagreement of a hidden view drawn with <paramref name="pixels"/> pixels per side of its
    /// window; null when it does not apply (no sheet, or a projected view, where the prediction is
    /// not a function of the drawn point).
    /// </summary>
    public static double? Disagreement(Network network, Scene scene, int pixels)
    {
        if (scene.Sheet is not { WholeLayer: true } sheet || scene.Layer < 1) return null;
        var (hidden, drawn) = Rasterise(sheet, scene.Window, pixels);
        if (drawn.Length == 0) return null;
        if (scene.SheetField is { } field)
        {
            // A raster colours the sheet from the field, not from the cells' classes.
            for (var i = 0; i < drawn.Length; i++) drawn[i] = field.ClassAt(hidden[0, i], hidden[1, i]);
        }
        var truth = LayerMaps.ClassifyFrom(network, scene.Layer, hidden, scene.Stage);
        var wrong = 0;
        for (var i = 0; i < drawn.Length; i++)
            if (truth[i] != drawn[i]) wrong++;
        return (double)wrong / drawn.Length;
    }

    /// <summary>
    /// Which samples of a lattice over the scene's window the sheet covers (a sample is covered when its
    /// centre lies in a drawn triangle): lattice order, row 0 at the bottom.
    /// </summary>
    public static bool[] Coverage(SceneSheet sheet, Lattice lattice)
    {
        // Edge flags: every cell's ring (or, where its fan folds over itself, each of its triangles) is an outline
        // turned to wind positively, each edge adds ±1 at the first sample right of where it crosses a sample row,
        // and a row's running sum is then how many outlines wind around each sample. The union is where that is
        // positive. Cost: the edges' row crossings plus one pass over the lattice, however often the sheet folds
        // over itself (a live frame's sheet of a saturated layer covers its samples 7 times over: filling the
        // triangles' spans cost most of a millisecond).
        int columns = lattice.Columns, rows = lattice.Rows, stride = columns + 1;
        var at = ArrayPool<Vector2>.Shared.Rent(sheet.Points.Length);
        var winding = ArrayPool<int>.Shared.Rent(rows * stride);
        try
        {
            SheetSpans.ToSamples(sheet, lattice, at);
            var flags = new EdgeFlags(winding.AsSpan(0, rows * stride), columns, rows);
            flags.Winding.Clear();
            for (var cell = 0; cell < sheet.CellCount; cell++) AddCell(sheet, at, cell, ref flags);
            var covered = new bool[lattice.Count];
            for (var row = 0; row < rows; row++)
            {
                var sum = 0;
                var line = flags.Winding.Slice(row * stride, columns);
                var into = covered.AsSpan(row * columns, columns);
                for (var x = 0; x < columns; x++) into[x] = (sum += line[x]) > 0;
            }
            return covered;
        }
        finally
        {
            ArrayPool<Vector2>.Shared.Return(at);
            ArrayPool<int>.Shared.Return(winding);
        }
    }

    /// <summary>
    /// Adds cell <paramref name="cell"/>'s outline: its ring when every triangle of its fan turns the same way
    /// (the ring then winds once around exactly what the triangles cover), else each non-degenerate triangle.
    /// </summary>
    private static void AddCell(SceneSheet sheet, Vector2[] at, int cell, ref EdgeFlags flags)
    {
        var ring = sheet.Ring(cell);
        var hub = sheet.Centres[cell];
        var (first, last) = hub >= 0 ? (0, ring.Length) : (1, ring.Length - 1);
        var h = at[hub >= 0 ? hub : ring[0]];
        if (!float.IsFinite(h.X) || !float.IsFinite(h.Y)) return;
        int positive = 0, negative = 0;
        for (var k = first; k < last; k++)
        {
            Vector2 b = at[ring[k]], c = at[ring[k + 1 < ring.Length ? k + 1 : 0]];
            var area = Cross(b - h, c - h);
            if (!float.IsFinite(area)) return;
            if (area > 1e-12f) positive++;
            else if (area < -1e-12f) negative++;
        }
        if (positive == 0 && negative == 0) return;
        if (positive == 0 || negative == 0)
        {
            var turn = positive > 0 ? 1 : -1;
            var p = at[ring[^1]];
            foreach (var v in ring)
            {
                flags.Add(p, at[v], turn);
                p = at[v];
            }
            return;
        }
        for (var k = first; k < last; k++)
        {
            Vector2 b = at[ring[k]], c = at[ring[k + 1 < ring.Length ? k + 1 : 0]];
            var area = Cross(b - h, c - h);
            if (MathF.Abs(area) <= 1e-12f) continue;
            var turn = area > 0 ? 1 : -1;
            flags.Add(h, b, turn);
            flags.Add(b, c, turn);
            flags.Add(c, h, turn);
        }
    }

    /// <summary>Per sample row, +1 or −1 at the first sample whose centre is right of where an outline's edge crosses the row.</summary>
    private readonly ref struct EdgeFlags(Span<int> winding, int columns, int rows)
    {
        public Span<int> Winding { get; } = winding;

        /// <summary>Edge p → q of an outline whose orientation <paramref name="turn"/> makes it wind positively.</summary>
        public void Add(Vector2 p, Vector2 q, int turn)
        {
            if (p.Y == q.Y) return;
            // From the lower end, so that the two cells sharing an edge find the same crossings.
            var up = q.Y > p.Y;
            var (lo, hi) = up ? (p, q) : (q, p);
            var delta = up ? -turn : turn; // inside a positive outline (y up) lies right of its downward edges
            // Rows whose centre line y = r + ½ lies in [lo.Y, hi.Y).
            var first = (int)MathF.Max(0, MathF.Ceiling(lo.Y - 0.5f));
            var last = (int)MathF.Min(rows, MathF.Ceiling(hi.Y - 0.5f)) - 1;
            var slope = (hi.X - lo.X) / (hi.Y - lo.Y);
            var stride = columns + 1;
            for (var row = first; row <= last; row++)
            {
                var x = lo.X + (row + 0.5f - lo.Y) * slope;
                var column = (int)MathF.Min(columns, MathF.Max(0, MathF.Ceiling(x - 0.5f)));
                Winding[row * stride + column] += delta;
            }
        }
    }

    /// <summary>For every covered pixel (row-major from the window's top): its point of the layer's space and its drawn class.</summary>
    internal static (PointCloud Hidden, int[] Classes) Rasterise(SceneSheet sheet, Datasets.PlaneRect window, int pixels)
    {
        var (owner, weights, triangles) = Owners(sheet, window, pixels, pixels);
        var covered = owner.Count(o => o >= 0);
        var dims = sheet.Hidden.Dimensions;
        var values = new float[dims * covered];
        var classes = new int[covered];
        var n = 0;
        for (var p = 0; p < owner.Length; p++)
        {
            if (owner[p] < 0) continue;
            var (ia, ib, ic, cell) = triangles[owner[p]];
            var w = weights[p];
            if (sheet.Depth.Length > 0 && sheet.Perspective)
            {
                // Screen-space weights to the triangle's own: divide by depth and renormalise.
                w = new Vector3(w.X / sheet.Depth[ia], w.Y / sheet.Depth[ib], w.Z / sheet.Depth[ic]);
                w /= w.X + w.Y + w.Z;
            }
            for (var d = 0; d < dims; d++)
                values[d * covered + n] = w.X * sheet.Hidden[d, ia] + w.Y * sheet.Hidden[d, ib] + w.Z * sheet.Hidden[d, ic];
            classes[n++] = sheet.CellClasses[cell];
        }
        return (new PointCloud(dims, covered, values), classes);
    }

    /// <summary>The sheet's triangles in drawing order, and for every pixel (row-major from the top) the last one covering its centre (−1: none) with its barycentric weights there.</summary>
    private static (int[] Owner, Vector3[] Weights, List<(int A, int B, int C, int Cell)> Triangles) Owners(SceneSheet sheet, Datasets.PlaneRect window, int columns, int rows)
    {
        var owner = new int[columns * rows];
        Array.Fill(owner, -1);
        var weights = new Vector3[columns * rows];
        var triangles = new List<(int A, int B, int C, int Cell)>();
        for (var c = 0; c < sheet.CellCount; c++)
        {
            for (var k = 0; k < sheet.TriangleCount(c); k++)
            {
                var (a, b, d) = sheet.Triangle(c, k);
                triangles.Add((a, b, d, c));
            }
        }
        var scaleX = columns / window.Width;
        var scaleY = rows / window.Height;
        Vector2 Pixel(Vector2 p) => new((p.X - window.XMin) * scaleX, (window.YMax - p.Y) * scaleY);
        for (var t = 0; t < triangles.Count; t++)
        {
            var (ia, ib, ic, _) = triangles[t];
            var a = Pixel(sheet.Points[ia]);
            var b = Pixel(sheet.Points[ib]);
            var c = Pixel(sheet.Points[ic]);
            var area = Cross(b - a, c - a);
            if (!(MathF.Abs(area) > 1e-12f)) continue;
            var min = Vector2.Min(a, Vector2.Min(b, c));
            var max = Vector2.Max(a, Vector2.Max(b, c));
            int x0 = Math.Max(0, (int)MathF.Floor(min.X - 0.5f)), x1 = Math.Min(columns - 1, (int)MathF.Ceiling(max.X - 0.5f));
            int y0 = Math.Max(0, (int)MathF.Floor(min.Y - 0.5f)), y1 = Math.Min(rows - 1, (int)MathF.Ceiling(max.Y - 0.5f));
            for (var y = y0; y <= y1; y++)
            {
                for (var x = x0; x <= x1; x++)
                {
                    var p = new Vector2(x + 0.5f, y + 0.5f);
                    var wa = Cross(b - p, c - p) / area;
                    var wb = Cross(c - p, a - p) / area;
                    var wc = 1 - wa - wb;
                    if (wa < 0 || wb < 0 || wc < 0) continue;
                    owner[y * columns + x] = t;
                    weights[y * columns + x] = new Vector3(wa, wb, wc);
                }
            }
        }

        return (owner, weights, triangles);
    }

    private static float Cross(Vector2 u, Vector2 v) => u.X * v.Y - u.Y * v.X;
}
