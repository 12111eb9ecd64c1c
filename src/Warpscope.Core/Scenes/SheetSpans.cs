using System.Buffers;
using System.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Representations.Geometry;

namespace Warpscope.Core.Scenes;

/// <summary>What <see cref="SheetSpans.Scan"/> hands over: a run of samples of one lattice row inside one triangle.</summary>
internal interface ISheetSpanVisitor
{
    /// <summary>
    /// Samples <paramref name="from"/> to <paramref name="to"/> of row <paramref name="row"/> lie in triangle
    /// (a, b, c) of cell <paramref name="cell"/> (vertex indices); the weight of a at column x is
    /// <c>rows.S0 · (x + ½) + o0</c>, of b <c>rows.S1 · (x + ½) + o1</c>.
    /// </summary>
    void Visit(int cell, int a, int b, int c, in TriangleRows rows, int row, int from, int to, float o0, float o1);
}

/// <summary>
/// The sheet's triangles scanned over the samples of a lattice (a sample is inside when its centre lies in a
/// drawn triangle, edges included), cells in drawing order so a later triangle comes after an earlier one it
/// covers: where each sample comes from (<see cref="SheetBackMap"/>). <see cref="SheetAudit.Coverage"/> counts the
/// same samples as inside by edge flags (SheetCoverageTests hold it to the triangles by brute force).
/// </summary>
internal static class SheetSpans
{
    public static void Scan<TVisitor>(SceneSheet sheet, Lattice lattice, ref TVisitor visitor) where TVisitor : struct, ISheetSpanVisitor
    {
        var at = ArrayPool<Vector2>.Shared.Rent(sheet.Points.Length);
        try
        {
            ToSamples(sheet, lattice, at);
            for (var cell = 0; cell < sheet.CellCount; cell++) ScanCell(sheet, lattice, at, cell, ref visitor);
        }
        finally
        {
            ArrayPool<Vector2>.Shared.Return(at);
        }
    }

    /// <summary>
    /// The sheet's vertices in sample units: sample (c, r), the centre of cell c from the left and r from the
    /// bottom, lies at (c + ½, r + ½).
    /// </summary>
    public static void ToSamples(SceneSheet sheet, Lattice lattice, Vector2[] at)
    {
        var window = lattice.Bounds;
        var origin = new Vector2(window.XMin, window.YMin);
        var scale = new Vector2(lattice.Columns / window.Width, lattice.Rows / window.Height);
        for (var v = 0; v < sheet.Points.Length; v++) at[v] = (sheet.Points[v] - origin) * scale;
    }

    /// <summary>One cell's triangles, its vertices <paramref name="at"/> in sample units (<see cref="ToSamples"/>).</summary>
    private static void ScanCell<TVisitor>(SceneSheet sheet, Lattice lattice, Vector2[] at, int cell, ref TVisitor visitor) where TVisitor : struct, ISheetSpanVisitor
    {
        int columns = lattice.Columns, rows = lattice.Rows;
        var ring = sheet.Ring(cell);
        var hub = sheet.Centres[cell];
        // A fan from the centre through the ring, or (a convex piece) from its first vertex: SceneSheet.Triangle's order.
        var (first, last) = hub >= 0 ? (0, ring.Length) : (1, ring.Length - 1);
        var ia = hub >= 0 ? hub : ring[0];
        for (var k = first; k < last; k++)
        {
            int ib = ring[k], ic = ring[k + 1 < ring.Length ? k + 1 : 0];
            Vector2 a = at[ia], b = at[ib], c = at[ic];
            // Most triangles of a finely cut sheet hold no sample centre at all: rejected before any division.
            var y0 = Math.Max(0, (int)MathF.Ceiling(MathF.Min(a.Y, MathF.Min(b.Y, c.Y)) - 0.5f));
            var y1 = Math.Min(rows - 1, (int)MathF.Floor(MathF.Max(a.Y, MathF.Max(b.Y, c.Y)) - 0.5f));
            var x0 = Math.Max(0, (int)MathF.Ceiling(MathF.Min(a.X, MathF.Min(b.X, c.X)) - 0.5f));
            var x1 = Math.Min(columns - 1, (int)MathF.Floor(MathF.Max(a.X, MathF.Max(b.X, c.X)) - 0.5f));
            if (x0 > x1 || y0 > y1 || !TriangleRows.TryCreate(a, b, c, out var triangle)) continue;
            for (var row = y0; row <= y1; row++)
            {
                if (!triangle.Span(row, 0, out var from, out var to, out var o0, out var o1)) continue;
                from = Math.Max(x0, from);
                to = Math.Min(x1, to);
                if (from <= to) visitor.Visit(cell, ia, ib, ic, triangle, row, from, to, o0, o1);
            }
        }
    }
}
