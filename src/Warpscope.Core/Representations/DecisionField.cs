using System.Buffers;
using Warpscope.Core.Model;

namespace Warpscope.Core.Representations;

/// <summary>
/// The whole network's class probabilities on a lattice of the input plane: the coloured
/// background of the input view. Probabilities: [classes][Rows·Columns], class-major, rows from
/// the bottom.
/// </summary>
public sealed class DecisionField
{
    private DecisionField(Lattice lattice, int classes, float[] probabilities)
    {
        Lattice = lattice;
        Classes = classes;
        Probabilities = probabilities;
    }

    public Lattice Lattice { get; }
    public int Classes { get; }
    public float[] Probabilities { get; }

    public float Probability(int @class, int column, int row) => Probabilities[@class * Lattice.Count + row * Lattice.Columns + column];

    /// <summary>The most probable class at a sample (ties to the lower class) and its probability.</summary>
    public (int Class, float Probability) Winner(int index)
    {
        var best = 0;
        var p = Probabilities[index];
        for (var c = 1; c < Classes; c++)
        {
            var q = Probabilities[c * Lattice.Count + index];
            if (q > p)
            {
                best = c;
                p = q;
            }
        }
        return (best, p);
    }

    public static DecisionField Compute(Network network, Lattice lattice, ForwardPass? pass = null)
    {
        pass ??= new ForwardPass(network);
        var (x, y) = lattice.Points();
        var probabilities = new float[network.ClassCount * lattice.Count];
        pass.Predict(x, y, probabilities);
        return new DecisionField(lattice, network.ClassCount, probabilities);
    }

    /// <summary>
    /// The same field for a fraction of the network evaluations: exact at every other sample of every
    /// other row (plus the last row and column), exact again at every sample of each 2×2-step cell whose
    /// corners disagree on the winning class (the boundary and its surroundings: where the tint changes
    /// fastest and where the contour is traced), and bilinear from the four corners elsewhere, where all
    /// four corners agree and the field is smooth (issue #6: about a third of the evaluations of
    /// <see cref="Compute"/> for a 436² plot lattice). Where the corners agree every interpolated sample
    /// keeps their class (a convex mix of values with one maximum keeps it), so the class regions and
    /// the boundary contour only differ from the exact field where the boundary slips between samples
    /// two apart without changing any of them.
    /// </summary>
    public static DecisionField ComputeRefined(Network network, Lattice lattice, ForwardPass? pass = null)
    {
        if (lattice.Columns < 5 || lattice.Rows < 5) return Compute(network, lattice, pass);
        pass ??= new ForwardPass(network);
        int columns = lattice.Columns, rows = lattice.Rows, count = lattice.Count, classes = network.ClassCount;
        var probabilities = new float[classes * count];
        var known = ArrayPool<bool>.Shared.Rent(count);
        var xs = ArrayPool<float>.Shared.Rent(count);
        var ys = ArrayPool<float>.Shared.Rent(count);
        var indices = ArrayPool<int>.Shared.Rent(count);
        var output = ArrayPool<float>.Shared.Rent(classes * count);
        try
        {
            Array.Clear(known, 0, count);
            var field = new DecisionField(lattice, classes, probabilities);

            // 1. The coarse lattice: even columns and rows, and the last ones when they are odd.
            var n = 0;
            for (var r = 0; r < rows; r = NextCoarse(r, rows))
            {
                for (var c = 0; c < columns; c = NextCoarse(c, columns)) n = Add(lattice, c, r, known, xs, ys, indices, n);
            }
            Evaluate(pass, xs, ys, indices, output, n, probabilities, count, classes);

            // 2. Every sample of a coarse cell whose corners have different winners.
            n = 0;
            for (var r = 0; r < rows - 1; r = NextCoarse(r, rows))
            {
                var r1 = NextCoarse(r, rows);
                for (var c = 0; c < columns - 1; c = NextCoarse(c, columns))
                {
                    var c1 = NextCoarse(c, columns);
                    if (r1 - r < 2 && c1 - c < 2) continue; // no samples inside
                    var w = field.WinnerClass(r * columns + c);
                    if (field.WinnerClass(r * columns + c1) == w && field.WinnerClass(r1 * columns + c) == w && field.WinnerClass(r1 * columns + c1) == w) continue;
                    for (var rr = r; rr <= r1; rr++)
                        for (var cc = c; cc <= c1; cc++) n = Add(lattice, cc, rr, known, xs, ys, indices, n);
                }
            }
            Evaluate(pass, xs, ys, indices, output, n, probabilities, count, classes);

            // 3. The rest from the coarse corners around them: midpoints of coarse edges first, then centres.
            for (var k = 0; k < classes; k++)
            {
                var p = probabilities.AsSpan(k * count, count);
                for (var r = 0; r < rows; r = NextCoarse(r, rows))
                {
                    for (var c = 1; c < columns - 1; c += 2)
                        if (!known[r * columns + c]) p[r * columns + c] = 0.5f * (p[r * columns + c - 1] + p[r * columns + c + 1]);
                }
                for (var r = 1; r < rows - 1; r += 2)
                {
                    for (var c = 0; c < columns; c = NextCoarse(c, columns))
                        if (!known[r * columns + c]) p[r * columns + c] = 0.5f * (p[(r - 1) * columns + c] + p[(r + 1) * columns + c]);
                    for (var c = 1; c < columns - 1; c += 2)
                    {
                        var i = r * columns + c;
                        if (!known[i]) p[i] = 0.25f * (p[i - columns - 1] + p[i - columns + 1] + p[i + columns - 1] + p[i + columns + 1]);
                    }
                }
            }
            return field;
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(known);
            ArrayPool<float>.Shared.Return(xs);
            ArrayPool<float>.Shared.Return(ys);
            ArrayPool<int>.Shared.Return(indices);
            ArrayPool<float>.Shared.Return(output);
        }
    }

    /// <summary>The coarse index after i: i + 2, or the last index when that is one step away.</summary>
    private static int NextCoarse(int i, int size) => i + 2 < size ? i + 2 : i + 1 < size && i != size - 1 ? size - 1 : size;

    private static int Add(Lattice lattice, int column, int row, bool[] known, float[] xs, float[] ys, int[] indices, int n)
    {
        var i = row * lattice.Columns + column;
        if (known[i]) return n;
        known[i] = true;
        xs[n] = lattice.X(column);
        ys[n] = lattice.Y(row);
        indices[n] = i;
        return n + 1;
    }

    private static void Evaluate(ForwardPass pass, float[] xs, float[] ys, int[] indices, float[] output, int n, float[] probabilities, int count, int classes)
    {
        if (n == 0) return;
        pass.Predict(xs.AsSpan(0, n), ys.AsSpan(0, n), output.AsSpan(0, classes * n));
        for (var k = 0; k < classes; k++)
        {
            var from = output.AsSpan(k * n, n);
            var to = probabilities.AsSpan(k * count, count);
            for (var s = 0; s < n; s++) to[indices[s]] = from[s];
        }
    }

    private int WinnerClass(int index) => Winner(index).Class;

    /// <summary>
    /// The field whose zero contour is class k's boundary: pₖ − max_{j≠k} pⱼ, positive where k wins.
    /// For two classes both classes give the same line, p₁ = ½.
    /// </summary>
    public float[] Margin(int @class)
    {
        var n = Lattice.Count;
        var margin = new float[n];
        for (var i = 0; i < n; i++)
        {
            var other = float.NegativeInfinity;
            for (var c = 0; c < Classes; c++)
            {
                if (c != @class) other = MathF.Max(other, Probabilities[c * n + i]);
            }
            margin[i] = Probabilities[@class * n + i] - other;
        }
        return margin;
    }
}
