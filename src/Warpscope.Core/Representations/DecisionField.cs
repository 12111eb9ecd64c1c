using Warpscope.Core.Numerics;
using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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

    /// <summary>The winning class fits below <see cref="ComputeRefined"/>'s exact flag in a byte per sample.</summary>
    private const byte ClassBits = 0x7F;

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

    /// <summary>A field of given probabilities over a lattice: [class][sample], lattice order.</summary>
    public static DecisionField Of(Lattice lattice, int classes, float[] probabilities)
    {
        if (classes < 1 || probabilities.Length != classes * lattice.Count)
            throw new ArgumentException("one probability per class and sample", nameof(probabilities));
        return new DecisionField(lattice, classes, probabilities);
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
    /// The winning class at a point between samples, as a raster draws it: each class's probability
    /// interpolated bilinearly from the four samples around (clamped to the outermost), then the largest.
    /// </summary>
    public int ClassAt(float x, float y)
    {
        var lattice = Lattice;
        var u = Math.Clamp((x - lattice.Bounds.XMin) / lattice.CellWidth - 0.5f, 0f, lattice.Columns - 1);
        var v = Math.Clamp((y - lattice.Bounds.YMin) / lattice.CellHeight - 0.5f, 0f, lattice.Rows - 1);
        int c = Math.Min((int)u, lattice.Columns - 2), r = Math.Min((int)v, lattice.Rows - 2);
        float fx = u - c, fy = v - r;
        var best = 0;
        var bestP = float.NegativeInfinity;
        for (var k = 0; k < Classes; k++)
        {
            var offset = k * lattice.Count + r * lattice.Columns + c;
            var below = Probabilities[offset] + fx * (Probabilities[offset + 1] - Probabilities[offset]);
            var above = Probabilities[offset + lattice.Columns] + fx * (Probabilities[offset + lattice.Columns + 1] - Probabilities[offset + lattice.Columns]);
            var p = below + fy * (above - below);
            if (p > bestP)
            {
                best = k;
                bestP = p;
            }
        }
        return best;
    }

    /// <summary>
    /// The field of the rest of the network over a lattice of hidden layer k's own space (2 units):
    /// the class probabilities that layers k + 1 to the output give each point (pre-activations go
    /// through layer k's σ first). In a hidden view it colours the carried sheet pixel by pixel.
    /// </summary>
    public static DecisionField FromLayer(Network network, int layer, Lattice lattice, LayerStage stage = LayerStage.Activations)
    {
        // The samples straight into the points' own array (a live frame's sheet field made 0.5 MB of copies),
        // which the rest of the network then works in.
        var n = lattice.Count;
        var values = new float[2 * n];
        for (var r = 0; r < lattice.Rows; r++)
        {
            var y = lattice.Y(r);
            for (var c = 0; c < lattice.Columns; c++)
            {
                values[r * lattice.Columns + c] = lattice.X(c);
                values[n + r * lattice.Columns + c] = y;
            }
        }
        return new DecisionField(lattice, network.ClassCount, LayerMaps.ProbabilitiesFrom(network, layer, new PointCloud(2, n, values), stage, consume: true));
    }

    /// <summary>
    /// The same field for a fraction of the network evaluations, refined where the class changes:
    /// exact on every 4th sample of every 4th row; then, in each 4×4-step cell whose corners disagree
    /// on the winning class (or where the probabilities bend too much for bilinear, see
    /// <see cref="Refiner.CurvatureLimit"/>), exact at every 2nd sample; then, in each 2×2-step cell whose
    /// corners disagree, exact at every sample; bilinear from the corners of the settled cells elsewhere.
    /// A cell also counts as unsettled when an exact sample on its edges, evaluated for a neighbour,
    /// disagrees with its corners, so the refinement follows the boundary wherever it bulges between
    /// corners. Where a cell's corners and exact edge samples agree, every interpolated sample keeps their
    /// class (a convex mix of values with one maximum keeps it), so every sample with a differently
    /// classed neighbour is exact: the class regions and the boundary contour only differ from the exact
    /// field where a region slips between samples four apart without touching any of them. Issue #6: the
    /// 512² view's 436² lattice takes 13 % of the evaluations of <see cref="Compute"/> (a single 2×2 level
    /// took 28 %), and its tints are as close to the exact field's. Allocates only the field.
    /// </summary>
    public static DecisionField ComputeRefined(Network network, Lattice lattice, ForwardPass? pass = null)
    {
        if (lattice.Columns < 5 || lattice.Rows < 5 || lattice.Columns > ushort.MaxValue || lattice.Rows > ushort.MaxValue || network.ClassCount > ClassBits)
            return Compute(network, lattice, pass);
        pass ??= new ForwardPass(network);
        // Every value is written (Refiner.Expand): no need for the runtime to zero 1.5 MB first.
        var probabilities = GC.AllocateUninitializedArray<float>(network.ClassCount * lattice.Count);
        var refiner = new Refiner(pass, lattice, network.ClassCount);
        try
        {
            refiner.Run(probabilities);
        }
        finally
        {
            refiner.Return();
        }
        return new DecisionField(lattice, network.ClassCount, probabilities);
    }

    /// <summary>
    /// <see cref="ComputeRefined"/>'s working state, all from the array pool. The lattice is padded to
    /// 4m + 1 samples a side (one column or row beyond the bounds at most, dropped at the end), so that
    /// every cell of every level is whole and every interpolation is a midpoint. The coarse levels work
    /// on a compact lattice of every 2nd sample of every 2nd row (a quarter of the memory, which stays in
    /// cache); the field itself is written once, at the end, from that lattice and the exact samples in
    /// between. One byte per sample of the padded lattice holds whether it is exact and its winning class.
    /// </summary>
    private struct Refiner
    {
        private const int Coarse = 4;
        private const byte Queued = 1, Refined = 2, Exact = 0x80;

        /// <summary>
        /// A coarse cell is refined where a class's probability bends by more than this over two coarse
        /// steps (second difference): bilinear in between would be off by about an eighth of it, a tint
        /// level (1/255) or so. Refining there costs about a third more evaluations for the 512² view and
        /// keeps its tints as close to the exact field's as one 2×2 level did (FastPathTests' picture: 0.24 %
        /// of the pixels more than 3 levels off; 1.1 % without this).
        /// </summary>
        private const float CurvatureLimit = 0.03f;

        private readonly ForwardPass _pass;
        private readonly Lattice _lattice;
        private readonly int _classes, _width, _height, _count; // the padded lattice
        private readonly int _halfWidth, _halfCount; // every 2nd sample of every 2nd row
        private readonly float[] _half; // [classes][halfCount]
        private readonly byte[] _state; // [height·width]: Exact, and the winning class of the current value
        private readonly float[] _xs, _ys, _output; // evaluations in order: x, y and [classes][count] results
        private readonly int[] _indices; // of the evaluations: in the padded lattice,
        private readonly int[] _halfAt; // in the compact lattice (−1: not on it),
        private readonly int[] _fieldAt; // and in the field (−1: padding)
        private readonly byte[] _cells; // per cell of the current level: Queued or Refined
        private readonly int[] _queue;
        private readonly int[] _coarse; // the coarse cells refined
        private readonly bool[] _curved; // per coarse sample
        private readonly float[] _row; // one row of the padded lattice
        private readonly float[] _x, _y; // the sample coordinates of each column and row
        private int _evaluated, _refinedCoarse;

        public Refiner(ForwardPass pass, Lattice lattice, int classes)
        {
            _pass = pass;
            _lattice = lattice;
            _classes = classes;
            _width = (lattice.Columns + Coarse - 2) / Coarse * Coarse + 1;
            _height = (lattice.Rows + Coarse - 2) / Coarse * Coarse + 1;
            _count = _width * _height;
            _halfWidth = (_width + 1) / 2;
            _halfCount = _halfWidth * ((_height + 1) / 2);
            _half = Pools.Floats.Rent(classes * _halfCount);
            _state = Pools.Bytes.Rent(_count);
            _xs = Pools.Floats.Rent(_count);
            _ys = Pools.Floats.Rent(_count);
            _output = Pools.Floats.Rent(classes * _count);
            _indices = Pools.Ints.Rent(_count);
            _halfAt = Pools.Ints.Rent(_count);
            _fieldAt = Pools.Ints.Rent(_count);
            var cells = (_width - 1) / 2 * ((_height - 1) / 2);
            _cells = Pools.Bytes.Rent(cells);
            _queue = Pools.Ints.Rent(cells);
            _coarse = Pools.Ints.Rent(cells / 4);
            _curved = Pools.Flags.Rent(((_width - 1) / Coarse + 1) * ((_height - 1) / Coarse + 1));
            _row = Pools.Floats.Rent(_width);
            _x = Pools.Floats.Rent(_width);
            _y = Pools.Floats.Rent(_height);
            for (var c = 0; c < _width; c++) _x[c] = lattice.X(c);
            for (var r = 0; r < _height; r++) _y[r] = lattice.Y(r);
            Array.Clear(_state, 0, _count);
        }

        public readonly void Return()
        {
            Pools.Floats.Return(_half);
            Pools.Bytes.Return(_state);
            Pools.Floats.Return(_xs);
            Pools.Floats.Return(_ys);
            Pools.Floats.Return(_output);
            Pools.Ints.Return(_indices);
            Pools.Ints.Return(_halfAt);
            Pools.Ints.Return(_fieldAt);
            Pools.Bytes.Return(_cells);
            Pools.Ints.Return(_queue);
            Pools.Ints.Return(_coarse);
            Pools.Flags.Return(_curved);
            Pools.Floats.Return(_row);
            Pools.Floats.Return(_x);
            Pools.Floats.Return(_y);
        }

        public void Run(float[] probabilities)
        {
            // The coarse lattice; its unsettled cells at every 2nd sample; the rest of that lattice between coarse samples.
            for (var r = 0; r < _height; r += Coarse)
                for (var c = 0; c < _width; c += Coarse) Add(c, r);
            Evaluate(0);
            Refine(Coarse);
            InterpolateHalf();
            // Its unsettled cells at every sample; the rest of the field between samples of that lattice.
            var fine = _evaluated;
            Refine(2);
            Expand(probabilities, fine);
        }

        /// <summary>Evaluates every unsettled cell of this level at its half-step samples, then its neighbours that this unsettles, until all are settled.</summary>
        private void Refine(int step)
        {
            int across = (_width - 1) / step, down = (_height - 1) / step;
            var cells = _cells.AsSpan(0, across * down);
            cells.Clear();
            int head = 0, tail = 0;
            // The queue holds cells as j << 16 | i (sides up to 65535 samples): no divisions to find them again.
            if (step == Coarse)
            {
                MarkCurved();
                for (var j = 0; j < down; j++)
                {
                    for (var i = 0; i < across; i++)
                    {
                        if (Settled(i, j, step) && !Curved(i, j)) continue;
                        cells[j * across + i] = Queued;
                        _queue[tail++] = j << 16 | i;
                    }
                }
            }
            else
            {
                // Inside a settled coarse cell every sample of this level has the cell's class: only the
                // quarters of the refined coarse cells can be unsettled to begin with.
                for (var q = 0; q < _refinedCoarse; q++)
                {
                    int i0 = (_coarse[q] & 0xFFFF) * 2, j0 = (_coarse[q] >> 16) * 2;
                    for (var j = j0; j < j0 + 2; j++)
                    {
                        for (var i = i0; i < i0 + 2; i++)
                        {
                            if (Settled(i, j, step)) continue;
                            cells[j * across + i] = Queued;
                            _queue[tail++] = j << 16 | i;
                        }
                    }
                }
            }
            while (head < tail)
            {
                var first = _evaluated;
                var end = tail;
                for (var q = head; q < end; q++)
                {
                    int ci = _queue[q] & 0xFFFF, cj = _queue[q] >> 16;
                    cells[cj * across + ci] = Refined;
                    int x0 = ci * step, y0 = cj * step, half = step / 2;
                    for (var dy = 0; dy <= step; dy += half)
                        for (var dx = 0; dx <= step; dx += half) Add(x0 + dx, y0 + dy);
                }
                Evaluate(first);
                // New exact samples lie on the closures of these cells: only their neighbours can have become unsettled.
                for (; head < end; head++)
                {
                    int ci = _queue[head] & 0xFFFF, cj = _queue[head] >> 16;
                    for (var j = Math.Max(0, cj - 1); j <= Math.Min(down - 1, cj + 1); j++)
                    {
                        for (var i = Math.Max(0, ci - 1); i <= Math.Min(across - 1, ci + 1); i++)
                        {
                            if (cells[j * across + i] != 0 || Settled(i, j, step)) continue;
                            cells[j * across + i] = Queued;
                            _queue[tail++] = j << 16 | i;
                        }
                    }
                }
            }
            if (step == Coarse)
            {
                _queue.AsSpan(0, tail).CopyTo(_coarse);
                _refinedCoarse = tail;
            }
        }

        /// <summary>
        /// Flags the coarse samples where some class's probability bends by more than <see cref="CurvatureLimit"/>
        /// along a row or a column: the coarse cells around them are refined like those the boundary crosses.
        /// </summary>
        private readonly void MarkCurved()
        {
            int across = (_width - 1) / Coarse + 1, down = (_height - 1) / Coarse + 1;
            for (var j = 0; j < down; j++)
            {
                for (var i = 0; i < across; i++)
                {
                    // At the border, the second difference of the next sample in (none with only two samples).
                    int ci = 2 * Math.Clamp(i, 1, Math.Max(1, across - 2)), cj = 2 * Math.Clamp(j, 1, Math.Max(1, down - 2));
                    int along = 2 * j * _halfWidth + ci, across2 = cj * _halfWidth + 2 * i, row = 2 * _halfWidth;
                    var curved = false;
                    // With two classes the second probability is one minus the first: it bends the same.
                    for (var k = _classes == 2 ? 1 : 0; k < _classes && !curved; k++)
                    {
                        var v = _half.AsSpan(k * _halfCount, _halfCount);
                        var dxx = across < 3 ? 0 : v[along - 2] - 2 * v[along] + v[along + 2];
                        var dyy = down < 3 ? 0 : v[across2 - row] - 2 * v[across2] + v[across2 + row];
                        curved = MathF.Abs(dxx) > CurvatureLimit || MathF.Abs(dyy) > CurvatureLimit;
                    }
                    _curved[j * across + i] = curved;
                }
            }
        }

        private readonly bool Curved(int i, int j)
        {
            var across = (_width - 1) / Coarse + 1;
            var a = j * across + i;
            return _curved[a] || _curved[a + 1] || _curved[a + across] || _curved[a + across + 1];
        }

        /// <summary>Whether a cell's four corners and its exact edge midpoints all have the same winner.</summary>
        private readonly bool Settled(int i, int j, int step)
        {
            int half = step / 2, a = j * step * _width + i * step, up = step * _width, mid = half * _width;
            var state = _state;
            var w = state[a] & ClassBits;
            if ((state[a + step] & ClassBits) != w || (state[a + up] & ClassBits) != w || (state[a + up + step] & ClassBits) != w) return false;
            return Agrees(state[a + half], w) && Agrees(state[a + mid], w) && Agrees(state[a + mid + step], w) && Agrees(state[a + up + half], w);
        }

        /// <summary>An edge sample agrees with the corners when it has no exact value, or has their class.</summary>
        private static bool Agrees(byte state, int w) => (state & Exact) == 0 || (state & ClassBits) == w;

        private void Add(int column, int row)
        {
            var i = row * _width + column;
            if ((_state[i] & Exact) != 0) return;
            _state[i] = Exact;
            _xs[_evaluated] = _x[column];
            _ys[_evaluated] = _y[row];
            _indices[_evaluated] = i;
            _halfAt[_evaluated] = ((row | column) & 1) == 0 ? row / 2 * _halfWidth + column / 2 : -1;
            _fieldAt[_evaluated++] = row < _lattice.Rows && column < _lattice.Columns ? row * _lattice.Columns + column : -1;
        }

        /// <summary>The samples added since <paramref name="first"/> through the network: their winners, and their values where the compact lattice has them.</summary>
        private readonly void Evaluate(int first)
        {
            var n = _evaluated - first;
            if (n == 0) return;
            _pass.Predict(_xs.AsSpan(first, n), _ys.AsSpan(first, n), _output, _count, first);
            for (var s = first; s < _evaluated; s++)
            {
                var best = 0;
                for (var k = 1; k < _classes; k++)
                    if (_output[k * _count + s] > _output[best * _count + s]) best = k;
                _state[_indices[s]] = (byte)(Exact | best);
            }
            RestoreHalf(first);
        }

        /// <summary>Writes the evaluations from <paramref name="first"/> on that fall on the compact lattice into it.</summary>
        private readonly void RestoreHalf(int first)
        {
            for (var s = first; s < _evaluated; s++)
            {
                var h = _halfAt[s];
                if (h < 0) continue;
                for (var k = 0; k < _classes; k++) _half[k * _halfCount + h] = _output[k * _count + s];
            }
        }

        /// <summary>
        /// The compact lattice between coarse samples, as midpoints: along the coarse rows, then the rows between
        /// from the rows above and below (the centres so get the mean of four corners). It writes over the exact
        /// samples too and puts them back, then records the interpolated samples' winners for the next level.
        /// </summary>
        private readonly void InterpolateHalf()
        {
            var w = _halfWidth;
            for (var k = 0; k < _classes; k++)
            {
                var v = _half.AsSpan(k * _halfCount, _halfCount);
                for (var r = 0; r < _halfCount / w; r += 2)
                {
                    var row = v.Slice(r * w, w);
                    for (var c = 1; c < w; c += 2) row[c] = 0.5f * (row[c - 1] + row[c + 1]);
                }
                for (var r = 1; r < _halfCount / w; r += 2) Midpoints(v.Slice((r - 1) * w, w), v.Slice((r + 1) * w, w), v.Slice(r * w, w));
            }
            RestoreHalf(0);
            for (var r = 0; r < _height; r += 2)
            {
                var state = _state.AsSpan(r * _width, _width);
                var h = r / 2 * w;
                if (_classes == 2)
                {
                    ReadOnlySpan<float> p0 = _half.AsSpan(h, w), p1 = _half.AsSpan(_halfCount + h, w);
                    for (var c = 0; c < w; c++)
                        if ((state[2 * c] & Exact) == 0) state[2 * c] = p1[c] > p0[c] ? (byte)1 : (byte)0;
                    continue;
                }
                for (var c = 0; c < w; c++)
                    if ((state[2 * c] & Exact) == 0) state[2 * c] = (byte)HalfWinner(h + c);
            }
        }

        private readonly int HalfWinner(int h)
        {
            var best = 0;
            for (var k = 1; k < _classes; k++)
                if (_half[k * _halfCount + h] > _half[best * _halfCount + h]) best = k;
            return best;
        }

        /// <summary>
        /// The field, each sample written once: the compact lattice's rows spread over every 2nd row with
        /// midpoints between, the rows between as midpoints of those, then the exact samples of the last
        /// level (from <paramref name="fine"/> on) over them.
        /// </summary>
        private readonly void Expand(float[] probabilities, int fine)
        {
            int columns = _lattice.Columns, rows = _lattice.Rows, count = _lattice.Count;
            for (var k = 0; k < _classes; k++)
            {
                var v = _half.AsSpan(k * _halfCount, _halfCount);
                var p = probabilities.AsSpan(k * count, count);
                for (var r = 0; r < rows; r += 2)
                {
                    Spread(v.Slice(r / 2 * _halfWidth, _halfWidth), p.Slice(r * columns, columns));
                    if (r >= 2) Midpoints(p.Slice((r - 2) * columns, columns), p.Slice(r * columns, columns), p.Slice((r - 1) * columns, columns));
                }
                if (rows % 2 == 0)
                {
                    // The last row's upper neighbour is the padding row.
                    var pad = _row.AsSpan(0, columns);
                    Spread(v.Slice(rows / 2 * _halfWidth, _halfWidth), pad);
                    Midpoints(p.Slice((rows - 2) * columns, columns), pad, p.Slice((rows - 1) * columns, columns));
                }
            }
            for (var s = fine; s < _evaluated; s++)
            {
                var f = _fieldAt[s];
                if (f < 0 || _halfAt[s] >= 0) continue; // padding, or already there from the compact lattice
                for (var k = 0; k < _classes; k++) probabilities[k * count + f] = _output[k * _count + s];
            }
        }
    }

    /// <summary>A compact row over a full one (<see cref="Refiner"/>): every 2nd sample as it is, the midpoint between.</summary>
    internal static void Spread(ReadOnlySpan<float> half, Span<float> row)
    {
        var c = 0;
        if (Avx.IsSupported)
        {
            // Eight samples and their eight midpoints, interleaved: sixteen values a step.
            var midway = Vector256.Create(0.5f);
            for (; c + 16 <= row.Length && c / 2 + 9 <= half.Length; c += 16)
            {
                var a = Vector256.Create(half[(c / 2)..]);
                var m = (a + Vector256.Create(half[(c / 2 + 1)..])) * midway;
                var low = Avx.UnpackLow(a, m); // a0 m0 a1 m1 | a4 m4 a5 m5
                var high = Avx.UnpackHigh(a, m); // a2 m2 a3 m3 | a6 m6 a7 m7
                Avx.Permute2x128(low, high, 0x20).CopyTo(row[c..]);
                Avx.Permute2x128(low, high, 0x31).CopyTo(row[(c + 8)..]);
            }
        }
        for (; c + 1 < row.Length; c += 2)
        {
            row[c] = half[c / 2];
            row[c + 1] = 0.5f * (half[c / 2] + half[c / 2 + 1]);
        }
        if (c < row.Length) row[c] = half[c / 2];
    }

    private static void Midpoints(ReadOnlySpan<float> below, ReadOnlySpan<float> above, Span<float> row)
    {
        TensorPrimitives.Add(below, above, row);
        TensorPrimitives.Multiply(row, 0.5f, row);
    }

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
