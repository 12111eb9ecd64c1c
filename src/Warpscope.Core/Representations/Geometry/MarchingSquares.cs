using Warpscope.Core.Numerics;
using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using Warpscope.Core.Datasets;

namespace Warpscope.Core.Representations.Geometry;

/// <summary>
/// Iso-contours f = level of a scalar field sampled on a regular lattice, as polylines in plane coordinates.
/// </summary>
/// <remarks>
/// <para><b>Lattice.</b> values is [rows][columns], row-major; lattice point (c, r) lies at
/// x = XMin + c·Width/(columns−1), y = YMin + r·Height/(rows−1), so row 0 is the y = YMin edge.</para>
/// <para><b>Orientation.</b> A corner is "above" when f ≥ level. Every polyline is directed so that the
/// above region lies on its <i>left</i>: loops around a maximum run counter-clockwise (positive shoelace
/// area), loops around a minimum run clockwise. A filled region {f ≥ level} is therefore the union of the
/// positive loops minus the negative ones, the usual non-zero/even-odd convention for paths.</para>
/// <para><b>Joining.</b> Segments are joined into maximal polylines. A closed loop repeats its first point at
/// the end; an open polyline starts and ends on the lattice border, or beside a cell with a NaN corner
/// (such cells carry no contour). Polylines come out ordered by the first cell, in row-major scan order,
/// that holds one of their segments; a loop starts at that cell's segment. Polylines that collapse to a single
/// point (the level touching an isolated lattice value exactly) are dropped.</para>
/// <para><b>Saddles.</b> When the two above corners sit on a diagonal, the bilinear interpolant's value at
/// the cell centre, the average of the four corners, decides: if it is above, the above corners are joined
/// through the centre and the two below corners are cut off; otherwise the above corners are cut off.</para>
/// <para><b>Class boundaries.</b> For 2 classes the decision boundary is the level-0.5 contour of p₁ (the
/// region where class 1 wins lies to the left). For K classes, contour the margin
/// mₖ = pₖ − max_{j≠k} pⱼ at level 0 once per class k: each contour bounds the region where class k wins
/// (on its left), and every boundary between two classes shows up in the contours of both; draw one
/// class's set to outline that class, or all K sets to draw every boundary (each edge twice, once in each
/// direction). The margin is continuous, unlike the argmax label, so the crossings are interpolated
/// correctly; contouring a label image would give staircase edges.</para>
/// </remarks>
public static class MarchingSquares
{
    // Cell corners, counter-clockwise from the bottom-left: 0 = (c, r), 1 = (c+1, r), 2 = (c+1, r+1), 3 = (c, r+1).
    // Cell sides in the same order: side i joins corner i to corner (i+1) mod 4: 0 bottom, 1 right, 2 top, 3 left.
    // Case index = Σ 2^i over above corners i. Segments[(case·2 + centreAbove)·4 + 2·n + {0,1}] holds segment n's
    // (from side, to side), −1 when absent.
    private static readonly sbyte[] Segments = BuildSegmentTable();

    /// <summary>All polylines where the field crosses <paramref name="level"/>; empty when it never does.</summary>
    /// <param name="values">f at each lattice point: [rows][columns], row-major, row 0 at rect.YMin.</param>
    /// <param name="columns">Lattice points per row, at least 2.</param>
    /// <param name="rows">Lattice rows, at least 2.</param>
    /// <param name="rect">The rectangle whose corners are the lattice's corner points.</param>
    /// <param name="level">The iso-value.</param>
    public static IReadOnlyList<Vector2[]> Contours(ReadOnlySpan<float> values, int columns, int rows, PlaneRect rect, float level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 2);
        if (values.Length != columns * rows)
        {
            throw new ArgumentException($"values has {values.Length} entries; a {columns}×{rows} lattice needs {columns * rows}.", nameof(values));
        }
        if (float.IsNaN(level)) throw new ArgumentException("level must not be NaN.", nameof(level));

        // Lattice edges get one id each: horizontal edge (c, r)–(c+1, r) is r·(columns−1) + c; vertical edge
        // (c, r)–(c, r+1) is horizontalCount + r·columns + c. An edge borders at most two cells and, because
        // every segment keeps the above side on its left, the contour enters through it from one cell and
        // leaves through it into the other: each edge has at most one outgoing and one incoming segment, so
        // two int arrays (next, previous; stored +1 so 0 means none) are the whole adjacency structure.
        var horizontalCount = rows * (columns - 1);
        var edgeCount = horizontalCount + (rows - 1) * columns;
        var pool = Pools.Ints;
        var next = pool.Rent(edgeCount);
        var previous = pool.Rent(edgeCount);
        var starts = pool.Rent(2 * (columns - 1) * (rows - 1));
        var crossed = pool.Rent((columns - 1) * (rows - 1));
        var points = Pools.Vectors.Rent(edgeCount);
        try
        {
            var crossedCount = FindCrossed(values, columns, rows, level, crossed);
            // Segments only join edges of crossed cells: those are the only entries to clear (a few thousand, not the whole lattice's).
            foreach (var cell in crossed.AsSpan(0, crossedCount))
            {
                int r = cell / (columns - 1), c = cell - r * (columns - 1);
                foreach (var edge in (ReadOnlySpan<int>)[r * (columns - 1) + c, horizontalCount + r * columns + c + 1, (r + 1) * (columns - 1) + c, horizontalCount + r * columns + c])
                {
                    next[edge] = 0;
                    previous[edge] = 0;
                }
            }
            var startCount = Scan(values, columns, rows, rect, level, crossed.AsSpan(0, crossedCount), next, previous, starts, points);
            return Join(starts.AsSpan(0, startCount), next, previous, points);
        }
        finally
        {
            pool.Return(next);
            pool.Return(previous);
            pool.Return(starts);
            pool.Return(crossed);
            Pools.Vectors.Return(points);
        }
    }

    /// <summary>
    /// The cells, in row-major order, whose corners are not all above nor all below the level (NaN counts
    /// as below, as in <see cref="Scan"/>): sixteen cells per step with AVX-512, else eight, from two rows of lattice values, since a
    /// boundary crosses a few thousand of a plot lattice's 190 000 cells (issue #6: the whole scan took
    /// 0.65 ms of the 512² input view).
    /// </summary>
    private static int FindCrossed(ReadOnlySpan<float> values, int columns, int rows, float level, int[] crossed)
    {
        var count = 0;
        var threshold = Vector256.Create(level);
        for (var r = 0; r < rows - 1; r++)
        {
            var below = values.Slice(r * columns, columns);
            var above = values.Slice((r + 1) * columns, columns);
            var c = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                // Sixteen cells a step where the CPU has AVX-512: cells c..c+15 have corners c..c+16.
                var wide = Vector512.Create(level);
                for (; c + Vector512<float>.Count < columns; c += Vector512<float>.Count)
                {
                    var b0 = Vector512.GreaterThanOrEqual(Vector512.Create(below[c..]), wide);
                    var b1 = Vector512.GreaterThanOrEqual(Vector512.Create(below[(c + 1)..]), wide);
                    var a0 = Vector512.GreaterThanOrEqual(Vector512.Create(above[c..]), wide);
                    var a1 = Vector512.GreaterThanOrEqual(Vector512.Create(above[(c + 1)..]), wide);
                    var mixed = Vector512.AndNot(b0 | b1 | a0 | a1, b0 & b1 & a0 & a1).ExtractMostSignificantBits();
                    while (mixed != 0)
                    {
                        crossed[count++] = r * (columns - 1) + c + BitOperations.TrailingZeroCount(mixed);
                        mixed &= mixed - 1;
                    }
                }
            }
            if (Vector256.IsHardwareAccelerated)
            {
                // Cells c..c+7 have corners c..c+8 in both rows.
                for (; c + Vector256<float>.Count < columns; c += Vector256<float>.Count)
                {
                    var b0 = Vector256.GreaterThanOrEqual(Vector256.Create(below[c..]), threshold);
                    var b1 = Vector256.GreaterThanOrEqual(Vector256.Create(below[(c + 1)..]), threshold);
                    var a0 = Vector256.GreaterThanOrEqual(Vector256.Create(above[c..]), threshold);
                    var a1 = Vector256.GreaterThanOrEqual(Vector256.Create(above[(c + 1)..]), threshold);
                    var mixed = Vector256.AndNot(b0 | b1 | a0 | a1, b0 & b1 & a0 & a1).ExtractMostSignificantBits();
                    while (mixed != 0)
                    {
                        crossed[count++] = r * (columns - 1) + c + BitOperations.TrailingZeroCount(mixed);
                        mixed &= mixed - 1;
                    }
                }
            }
            for (; c < columns - 1; c++)
            {
                var index = (below[c] >= level ? 1 : 0) | (below[c + 1] >= level ? 2 : 0) | (above[c + 1] >= level ? 4 : 0) | (above[c] >= level ? 8 : 0);
                if (index != 0 && index != 15) crossed[count++] = r * (columns - 1) + c;
            }
        }
        return count;
    }

    /// <summary>
    /// Visits the crossed cells in row-major order and records their directed segments: next[a] = b + 1 and
    /// previous[b] = a + 1 for a segment from edge a to edge b, the crossing points of both edges, and a in
    /// starts. Returns the number of segments. Kept apart from the pooled-array try/finally so the JIT can
    /// keep this loop's locals in registers.
    /// values: [rows][columns]  crossed: cells r·(columns − 1) + c  next, previous, points: [edges]  starts: [2·cells]
    /// </summary>
    private static int Scan(ReadOnlySpan<float> values, int columns, int rows, PlaneRect rect, float level, ReadOnlySpan<int> crossed, int[] next, int[] previous, int[] starts, Vector2[] points)
    {
        var horizontalCount = rows * (columns - 1);
        var startCount = 0;
        var dx = rect.Width / (columns - 1);
        var dy = rect.Height / (rows - 1);
        Span<int> side = stackalloc int[4];

        foreach (var cell in crossed)
        {
            int r = cell / (columns - 1), c = cell - r * (columns - 1);
            var below = values.Slice(r * columns, columns);
            var above = values.Slice((r + 1) * columns, columns);
            float v0 = below[c], v1 = below[c + 1], v2 = above[c + 1], v3 = above[c];
            var index = (v0 >= level ? 1 : 0) | (v1 >= level ? 2 : 0) | (v2 >= level ? 4 : 0) | (v3 >= level ? 8 : 0);
            // FindCrossed left out cases 0 and 15 (no crossing); a NaN corner compares false everywhere, so
            // test it only for the cells that would otherwise emit segments.
            if (float.IsNaN(v0) || float.IsNaN(v1) || float.IsNaN(v2) || float.IsNaN(v3)) continue;

            // Saddles only: f at the centre of the bilinear patch is the corner average.
            var centreAbove = (index == 5 || index == 10) && 0.25f * (v0 + v1 + v2 + v3) >= level ? 1 : 0;
            side[0] = r * (columns - 1) + c;                      // bottom
            side[1] = horizontalCount + r * columns + c + 1;      // right
            side[2] = (r + 1) * (columns - 1) + c;                // top
            side[3] = horizontalCount + r * columns + c;          // left
            var row = (index * 2 + centreAbove) * 4;
            for (var n = 0; n < 2; n++)
            {
                int from = Segments[row + 2 * n], to = Segments[row + 2 * n + 1];
                if (from < 0) break;
                int a = side[from], b = side[to];
                points[a] = Crossing(a, values, columns, horizontalCount, rect, dx, dy, level);
                points[b] = Crossing(b, values, columns, horizontalCount, rect, dx, dy, level);
                next[a] = b + 1;
                previous[b] = a + 1;
                starts[startCount++] = a;
            }
        }
        return startCount;
    }

    /// <summary>Walks the segment graph into maximal polylines, in the scan order of their first segment.</summary>
    private static List<Vector2[]> Join(ReadOnlySpan<int> starts, int[] next, int[] previous, Vector2[] points)
    {
        var result = new List<Vector2[]>();
        var line = new List<Vector2>(64);
        foreach (var first in starts)
        {
            if (next[first] == 0) continue; // already consumed as part of an earlier polyline
            // Walk backwards to the open end; arriving back at `first` means the chain is a loop.
            var start = first;
            while (previous[start] != 0 && previous[start] - 1 != first) start = previous[start] - 1;
            if (previous[start] != 0) start = first;

            // Forward walk, consuming each segment; a loop's last step returns to `start`, which repeats it.
            line.Clear();
            line.Add(points[start]);
            var at = start;
            while (next[at] != 0)
            {
                var to = next[at] - 1;
                next[at] = 0;
                line.Add(points[to]);
                at = to;
            }
            if (!Collapsed(line)) result.Add([.. line]);
        }
        return result;
    }

    private static bool Collapsed(List<Vector2> line)
    {
        for (var i = 1; i < line.Count; i++)
        {
            if (line[i] != line[0]) return false;
        }
        return true;
    }

    /// <summary>
    /// The crossing on lattice edge <paramref name="edge"/>: with end values a (the lower-index end) and b,
    /// t = (level − a)/(b − a) ∈ [0, 1] along the edge. Always computed from the edge's own ends, so both
    /// cells sharing the edge get bit-identical points. One end is ≥ level and the other is &lt; level, so b ≠ a.
    /// </summary>
    private static Vector2 Crossing(int edge, ReadOnlySpan<float> values, int columns, int horizontalCount, PlaneRect rect, float dx, float dy, float level)
    {
        if (edge < horizontalCount)
        {
            int r = edge / (columns - 1), c = edge - r * (columns - 1);
            float a = values[r * columns + c], b = values[r * columns + c + 1];
            var t = (level - a) / (b - a);
            return new Vector2(rect.XMin + (c + t) * dx, rect.YMin + r * dy);
        }
        else
        {
            var id = edge - horizontalCount;
            int r = id / columns, c = id - r * columns;
            float a = values[r * columns + c], b = values[(r + 1) * columns + c];
            var t = (level - a) / (b - a);
            return new Vector2(rect.XMin + c * dx, rect.YMin + (r + t) * dy);
        }
    }

    /// <summary>
    /// Derives the 16×2 case table from one rule instead of listing it. Walk the cell's border
    /// counter-clockwise: a side where the walk passes from an above corner to a below one is an exit, from
    /// below to above an entry. The above region's own counter-clockwise boundary follows the border over its
    /// corners, leaves at an exit and comes back along the contour to an entry, so each segment runs
    /// exit → entry with the above region on its left. With one exit and one entry that pairing is forced.
    /// In a saddle (two of each) a centre that is above joins the above corners, so each exit pairs with the
    /// next entry counter-clockwise (cutting off the below corner between them); a centre below isolates each
    /// above corner, so each exit pairs with the entry just before it.
    /// </summary>
    private static sbyte[] BuildSegmentTable()
    {
        var table = new sbyte[16 * 2 * 4];
        Array.Fill(table, (sbyte)-1);
        for (var index = 0; index < 16; index++)
        {
            for (var centreAbove = 0; centreAbove < 2; centreAbove++)
            {
                var n = 0;
                for (var exit = 0; exit < 4; exit++)
                {
                    var isExit = (index >> exit & 1) == 1 && (index >> (exit + 1) % 4 & 1) == 0;
                    if (!isExit) continue;
                    var step = centreAbove == 1 ? 1 : 3; // +1 or −1 (mod 4) around the border
                    var entry = (exit + step) % 4;
                    while (!((index >> entry & 1) == 0 && (index >> (entry + 1) % 4 & 1) == 1)) entry = (entry + step) % 4;
                    var at = (index * 2 + centreAbove) * 4 + 2 * n++;
                    table[at] = (sbyte)exit;
                    table[at + 1] = (sbyte)entry;
                }
            }
        }
        return table;
    }
}
