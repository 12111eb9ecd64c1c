using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations.Geometry;

namespace Warpscope.Core.Representations;

/// <summary>
/// Where a view's map folds the input plane over itself: the curves of the input rectangle where the
/// sign of the Jacobian determinant of x ↦ P(layer(x)) changes (P the view's projection to the plane),
/// mapped into the view. A tanh layer as wide as its input never folds (it is a homeomorphism); ReLU
/// layers wider than their input, and projections of wide layers, do. Drawn, the folds make
/// overlapping sheets read as folded paper.
/// </summary>
public static class FoldLines
{
    /// <summary>Cells per side of the input lattice the determinant's sign is measured on.</summary>
    public const int Lattice = 100;

    /// <param name="project">The view's projection of the layer's points to 2 coordinates.</param>
    /// <returns>Each fold as a polyline of 2-D view coordinates.</returns>
    public static IReadOnlyList<PointCloud> Build(ForwardPass pass, int layer, PlaneRect input, LayerStage stage, Func<PointCloud, PointCloud> project)
    {
        const int n = Lattice;
        const int side = n + 1;
        var (x, y) = input.GridPoints(n);
        var view = project(LayerMaps.Map(pass, layer, x, y, stage));
        if (view.Dimensions != 2) return [];

        // The signed area of each cell's image (diagonals' cross product), as a sign: +1 kept, −1 reversed.
        // A collapsed cell (area below a thousandth of the largest: a saturated or dead region, where the
        // engine's float tanh is flat to its last bits and its sign is noise) counts a
        // quarter towards the orientation most cells have, so it never makes a fold on its own.
        var sign = new float[n * n];
        var areas = new float[n * n];
        var largest = 0f;
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                int a = r * side + c, b = a + 1, d = a + side, e = d + 1;
                float ux = view[0, e] - view[0, a], uy = view[1, e] - view[1, a];
                float vx = view[0, d] - view[0, b], vy = view[1, d] - view[1, b];
                var area = ux * vy - uy * vx;
                areas[r * n + c] = area;
                if (float.IsFinite(area)) largest = MathF.Max(largest, MathF.Abs(area));
            }
        }
        bool Collapsed(float area) => !float.IsFinite(area) || MathF.Abs(area) <= 1e-3f * largest;
        var kept = 0;
        foreach (var area in areas)
            if (!Collapsed(area)) kept += area > 0 ? 1 : -1;
        var neutral = kept >= 0 ? 0.25f : -0.25f;
        bool positive = false, negative = false;
        for (var i = 0; i < sign.Length; i++)
        {
            var area = areas[i];
            sign[i] = Collapsed(area) ? neutral : area > 0 ? 1 : -1;
            positive |= sign[i] > 0;
            negative |= sign[i] < 0;
        }
        if (!positive || !negative) return [];

        // The zero contour between cell centres, in the input, then carried into the view.
        var centres = new PlaneRect(input.XMin + input.Width / (2 * n), input.XMax - input.Width / (2 * n),
            input.YMin + input.Height / (2 * n), input.YMax - input.Height / (2 * n));
        var folds = new List<PointCloud>();
        foreach (var line in MarchingSquares.Contours(sign, n, n, centres, 0f))
        {
            if (line.Length < 2) continue;
            var mapped = LayerMaps.Map(pass, layer, [.. line.Select(p => p.X)], [.. line.Select(p => p.Y)], stage);
            folds.Add(project(mapped));
        }
        return folds;
    }
}
