using System.Buffers;
using System.Numerics;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Representations.Geometry;

namespace Warpscope.Core.Scenes;

/// <summary>
/// The colours of a projected sheet, sample by sample: where a view shows a projection of a wide layer,
/// the prediction is not a function of the drawn point, so no field over the window can colour the
/// sheet. Instead every sample of a lattice over the window that the sheet covers is mapped back to
/// the input point drawn there (through the top triangle covering it, the same one a painter would
/// show, interpolated linearly inside it), and the whole network classifies that input point. The
/// sheet's cells then only say where the sheet is and which fold lies on top; the colours are exact
/// at the lattice's resolution, however the classes interleave (issue 12: cutting every mixed cell
/// down to 2 px cost three times the rest of the view).
/// </summary>
public static class SheetBackMap
{
    /// <summary>
    /// The field of the sheet's colours over <paramref name="lattice"/>: each covered sample's class
    /// probabilities at the input point drawn there; an uncovered sample copies its nearest covered
    /// neighbour along its row, then its column (so a raster's interpolation near the outline blends only
    /// drawn colours). <paramref name="covered"/> says which samples the sheet covers.
    /// </summary>
    public static DecisionField Field(ForwardPass pass, SceneSheet sheet, float[] inputX, float[] inputY, Lattice lattice, out bool[] covered)
    {
        var n = lattice.Count;
        var classes = pass.Network.ClassCount;
        // Pooled scratch (a 256² lattice's are a few hundred KB each, fresh ones every frame kept the GC busy).
        var x = ArrayPool<float>.Shared.Rent(n);
        var y = ArrayPool<float>.Shared.Rent(n);
        var owner = ArrayPool<int>.Shared.Rent(n);
        var predicted = ArrayPool<float>.Shared.Rent(classes * n);
        try
        {
            Rasterise(sheet, inputX, inputY, lattice, x, y, owner);
            covered = new bool[n];
            // The covered samples' input points, packed to the front of x and y (k ≤ i: in place).
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                if (owner[i] < 0) continue;
                covered[i] = true;
                x[count] = x[i];
                y[count] = y[i];
                owner[count++] = i;
            }
            if (count > 0) pass.Predict(x.AsSpan(0, count), y.AsSpan(0, count), predicted.AsSpan(0, classes * count));
            var probabilities = new float[classes * n];
            var filled = ArrayPool<bool>.Shared.Rent(n);
            try
            {
                for (var c = 0; c < classes; c++)
                {
                    var field = probabilities.AsSpan(c * n, n);
                    for (var k = 0; k < count; k++) field[owner[k]] = predicted[c * count + k];
                    Fill(field, covered, filled, lattice.Columns, lattice.Rows);
                }
            }
            finally
            {
                ArrayPool<bool>.Shared.Return(filled);
            }
            return DecisionField.Of(lattice, classes, probabilities);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(x);
            ArrayPool<float>.Shared.Return(y);
            ArrayPool<int>.Shared.Return(owner);
            ArrayPool<float>.Shared.Return(predicted);
        }
    }

    /// <summary>
    /// Each sample's input point (lattice order, row 0 at the bottom) as the sheet draws it there: the last
    /// triangle in drawing order that covers the sample's centre, its vertices' input points weighted by the
    /// sample's barycentric weights; owner: that triangle's cell, −1 where none covers the sample.
    /// </summary>
    private static void Rasterise(SceneSheet sheet, float[] inputX, float[] inputY, Lattice lattice, float[] x, float[] y, int[] owner)
    {
        if (inputX.Length != sheet.Points.Length || inputY.Length != sheet.Points.Length)
            throw new ArgumentException("one input point per sheet vertex");
        owner.AsSpan(0, lattice.Count).Fill(-1);
        var sources = new SourceWriter(inputX, inputY, x, y, owner, lattice.Columns);
        SheetSpans.Scan(sheet, lattice, ref sources);
    }

    /// <summary>Writes each covered sample's input point, interpolated in its triangle; later triangles overwrite earlier ones.</summary>
    private readonly struct SourceWriter(float[] inputX, float[] inputY, float[] x, float[] y, int[] owner, int columns) : ISheetSpanVisitor
    {
        public void Visit(int cell, int a, int b, int c, in TriangleRows rows, int row, int from, int to, float o0, float o1)
        {
            float ax = inputX[a], bx = inputX[b], cx = inputX[c];
            float ay = inputY[a], by = inputY[b], cy = inputY[c];
            for (var column = from; column <= to; column++)
            {
                var u = column + 0.5f;
                var wa = Math.Clamp(rows.S0 * u + o0, 0f, 1f);
                var wb = Math.Clamp(rows.S1 * u + o1, 0f, 1f - wa);
                var wc = 1 - wa - wb;
                var i = row * columns + column;
                x[i] = wa * ax + wb * bx + wc * cx;
                y[i] = wa * ay + wb * by + wc * cy;
                owner[i] = cell;
            }
        }
    }

    /// <summary>Gives every uncovered sample the value of the nearest covered one in its row, or else in its column.</summary>
    private static void Fill(Span<float> field, bool[] covered, bool[] filled, int columns, int rows)
    {
        Array.Clear(filled, 0, covered.Length);
        for (var r = 0; r < rows; r++)
        {
            var row = field.Slice(r * columns, columns);
            var last = -1;
            for (var c = 0; c < columns; c++)
            {
                if (!covered[r * columns + c]) continue;
                // The gap since the last covered sample: each half from its nearer end.
                for (var g = last + 1; g < c; g++)
                {
                    row[g] = last < 0 || g - last > c - g ? row[c] : row[last];
                    filled[r * columns + g] = true;
                }
                last = c;
            }
            if (last < 0) continue;
            for (var g = last + 1; g < columns; g++)
            {
                row[g] = row[last];
                filled[r * columns + g] = true;
            }
        }
        for (var c = 0; c < columns; c++)
        {
            var last = -1;
            for (var r = 0; r < rows; r++)
            {
                var i = r * columns + c;
                if (!covered[i] && !filled[i]) continue;
                for (var g = last + 1; g < r; g++) field[g * columns + c] = field[(last < 0 || g - last > r - g ? r : last) * columns + c];
                last = r;
            }
            if (last < 0) continue;
            for (var g = last + 1; g < rows; g++) field[g * columns + c] = field[last * columns + c];
        }
    }
}
