using Warpscope.Core.Numerics;
using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SkiaSharp;
using Warpscope.Core.Representations;

namespace Warpscope.Rendering;

/// <summary>
/// Paints a decision field straight into RGBA (or BGRA) pixels: each pixel's class probabilities are bilinear
/// in the lattice (sample centres at cell centres, edges clamped, as Skia's linear image sampling),
/// then the winner's tint comes from a table. Interpolating probabilities rather than colours keeps
/// the tint right where it changes fastest, next to the boundary. It replaces a lattice bitmap drawn
/// through Skia with linear filtering (3.5 ms of the 512² input view's 23.5, issue #6), and allocates
/// nothing per frame.
/// </summary>
internal static class FieldRaster
{
    private static readonly ConcurrentDictionary<(int Classes, bool Bgra), uint[]> Tables = new();

    /// <summary>
    /// Fills the pixels whose centres lie in <paramref name="rect"/> (where the lattice's bounds fall),
    /// within <paramref name="clip"/>, as a non-antialiased DrawImage into that rectangle would.
    /// </summary>
    public static void Paint(SKBitmap target, SKRectI clip, SKRect rect, DecisionField field) => Paint(target, clip, rect, field, anyClasses: false);

    /// <summary>As the public Paint; <paramref name="anyClasses"/> takes the path for any number of classes for two as well (tests compare them).</summary>
    internal static void Paint(SKBitmap target, SKRectI clip, SKRect rect, DecisionField field, bool anyClasses)
    {
        var lattice = field.Lattice;
        int columns = lattice.Columns, rows = lattice.Rows, count = lattice.Count, classes = field.Classes;
        var x0 = Math.Max(Math.Max(clip.Left, 0), (int)MathF.Ceiling(rect.Left - 0.5f));
        var x1 = Math.Min(Math.Min(clip.Right, target.Width), (int)MathF.Ceiling(rect.Right - 0.5f));
        var y0 = Math.Max(Math.Max(clip.Top, 0), (int)MathF.Ceiling(rect.Top - 0.5f));
        var y1 = Math.Min(Math.Min(clip.Bottom, target.Height), (int)MathF.Ceiling(rect.Bottom - 0.5f));
        if (x0 >= x1 || y0 >= y1 || !(rect.Width > 0) || !(rect.Height > 0)) return;

        var table = Tables.GetOrAdd((classes, target.ColorType == SKColorType.Bgra8888), BuildTable);
        var pixels = MemoryMarshal.Cast<byte, uint>(target.GetPixelSpan());
        var width = x1 - x0;
        var left = Pools.Ints.Rent(width);
        var weight = Pools.Floats.Rent(width);
        var along = Pools.Floats.Rent(4 * width);
        try
        {
            // Per column: the lattice column to its left (the right one is next to it) and the weight of the right one.
            var scaleX = columns / rect.Width;
            for (var i = 0; i < width; i++)
            {
                var u = Math.Clamp((x0 + i + 0.5f - rect.Left) * scaleX - 0.5f, 0f, columns - 1);
                var c = Math.Min((int)u, columns - 2);
                left[i] = c;
                weight[i] = u - c;
            }
            var p = field.Probabilities;
            var scaleY = rows / rect.Height;
            if (classes == 2 && !anyClasses)
            {
                PaintTwo(pixels, target.Width, x0, y0, y1, rect.Bottom, scaleY, field, left.AsSpan(0, width), weight.AsSpan(0, width), along.AsSpan(0, 4 * width), table);
                return;
            }
            for (var y = y0; y < y1; y++)
            {
                // Lattice row 0 is the bottom; image row 0 is the top.
                var v = Math.Clamp((rect.Bottom - (y + 0.5f)) * scaleY - 0.5f, 0f, rows - 1);
                var r = Math.Min((int)v, rows - 2);
                var fy = v - r;
                var below = r * columns;
                var above = below + columns;
                var line = pixels.Slice(y * target.Width + x0, width);
                for (var i = 0; i < width; i++)
                {
                    var c = left[i];
                    var fx = weight[i];
                    var best = 0;
                    var bp = Bilinear(p.AsSpan(0, count), below + c, above + c, fx, fy);
                    for (var k = 1; k < classes; k++)
                    {
                        var q = Bilinear(p.AsSpan(k * count, count), below + c, above + c, fx, fy);
                        if (q > bp)
                        {
                            best = k;
                            bp = q;
                        }
                    }
                    line[i] = table[best * 256 + Level(bp)];
                }
            }
        }
        finally
        {
            Pools.Ints.Return(left);
            Pools.Floats.Return(weight);
            Pools.Floats.Return(along);
        }
    }

    /// <summary>
    /// Two classes, the same pixels as the general path: each lattice row is interpolated along the
    /// pixel columns once (<see cref="Along"/>) and kept while the pixel rows under it need it (about two
    /// pixel rows each at one sample per pixel), then eight pixels at a time are blended between the two
    /// rows, classed and quantised; only the tint look-up is per pixel. About 1.1 → 0.45 ms for the 512² view
    /// (issue #6). The operations, and so the values, are those of <see cref="Bilinear"/> (no fused multiply-adds).
    /// </summary>
    private static void PaintTwo(Span<uint> pixels, int stride, int x0, int y0, int y1, float bottom, float scaleY, DecisionField field,
        ReadOnlySpan<int> left, ReadOnlySpan<float> weight, Span<float> along, uint[] table)
    {
        var width = left.Length;
        int columns = field.Lattice.Columns, rows = field.Lattice.Rows, count = field.Lattice.Count;
        ReadOnlySpan<float> p0 = field.Probabilities.AsSpan(0, count), p1 = field.Probabilities.AsSpan(count, count);
        // Two slots of [class 0, class 1] rows, below and above, swapped as the pixel rows move from one lattice row to the next.
        int below = 0, above = 1;
        var cached = int.MinValue; // the lattice row in the slot below
        Span<int> levels = stackalloc int[Vector256<int>.Count];
        for (var y = y0; y < y1; y++)
        {
            var v = Math.Clamp((bottom - (y + 0.5f)) * scaleY - 0.5f, 0f, rows - 1);
            var r = Math.Min((int)v, rows - 2);
            var fy = v - r;
            if (r != cached)
            {
                // Image rows run down, lattice rows up: a step of one row either way keeps one of the two.
                if (r == cached + 1 || r == cached - 1) (below, above) = (above, below);
                if (r != cached + 1)
                {
                    Along(p0.Slice(r * columns, columns), left, weight, along.Slice(2 * below * width, width));
                    Along(p1.Slice(r * columns, columns), left, weight, along.Slice((2 * below + 1) * width, width));
                }
                if (r != cached - 1)
                {
                    Along(p0.Slice((r + 1) * columns, columns), left, weight, along.Slice(2 * above * width, width));
                    Along(p1.Slice((r + 1) * columns, columns), left, weight, along.Slice((2 * above + 1) * width, width));
                }
                cached = r;
            }
            ReadOnlySpan<float> b0 = along.Slice(2 * below * width, width), b1 = along.Slice((2 * below + 1) * width, width);
            ReadOnlySpan<float> a0 = along.Slice(2 * above * width, width), a1 = along.Slice((2 * above + 1) * width, width);
            var line = pixels.Slice(y * stride + x0, width);
            var i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var t = Vector256.Create(fy);
                for (; i + Vector256<float>.Count <= width; i += Vector256<float>.Count)
                {
                    var lower0 = Vector256.Create<float>(b0[i..]);
                    var lower1 = Vector256.Create<float>(b1[i..]);
                    var q0 = lower0 + t * (Vector256.Create<float>(a0[i..]) - lower0);
                    var q1 = lower1 + t * (Vector256.Create<float>(a1[i..]) - lower1);
                    var second = Vector256.GreaterThan(q1, q0);
                    var level = Vector256.ConvertToInt32(Vector256.ConditionalSelect(second, q1, q0) * 255f + Vector256.Create(0.5f));
                    // Out of 0..255 (a NaN from a diverged network): level 0, as Level does.
                    level = Vector256.AndNot(level, Vector256.GreaterThan(level.AsUInt32(), Vector256.Create(255u)).AsInt32());
                    (level + (second.AsInt32() & Vector256.Create(256))).CopyTo(levels);
                    for (var j = 0; j < levels.Length; j++) line[i + j] = table[levels[j]];
                }
            }
            for (; i < width; i++)
            {
                var q0 = b0[i] + fy * (a0[i] - b0[i]);
                var q1 = b1[i] + fy * (a1[i] - b1[i]);
                line[i] = q1 > q0 ? table[256 + Level(q1)] : table[Level(q0)];
            }
        }
    }

    /// <summary>One lattice row at the pixel columns: the first, horizontal half of <see cref="Bilinear"/>.</summary>
    private static void Along(ReadOnlySpan<float> row, ReadOnlySpan<int> left, ReadOnlySpan<float> weight, Span<float> along)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // At about one sample per pixel eight neighbouring pixels mostly have eight neighbouring left columns: two plain loads.
            const int n = 8;
            for (; i + n <= along.Length; i += n)
            {
                var c = left[i];
                if (left[i + n - 1] == c + n - 1 && c + n < row.Length)
                {
                    var lower = Vector256.Create<float>(row[c..]);
                    var upper = Vector256.Create<float>(row[(c + 1)..]);
                    (lower + Vector256.Create<float>(weight[i..]) * (upper - lower)).CopyTo(along[i..]);
                }
                else
                {
                    AlongEach(row, left.Slice(i, n), weight.Slice(i, n), along.Slice(i, n));
                }
            }
        }
        AlongEach(row, left[i..], weight[i..], along[i..]);
    }

    private static void AlongEach(ReadOnlySpan<float> row, ReadOnlySpan<int> left, ReadOnlySpan<float> weight, Span<float> along)
    {
        for (var i = 0; i < along.Length; i++)
        {
            var c = left[i];
            along[i] = row[c] + weight[i] * (row[c + 1] - row[c]);
        }
    }

    private static float Bilinear(ReadOnlySpan<float> p, int below, int above, float fx, float fy)
    {
        var b = p[below] + fx * (p[below + 1] - p[below]);
        var a = p[above] + fx * (p[above + 1] - p[above]);
        return b + fy * (a - b);
    }

    /// <summary>The probability quantised to 1/255; a NaN (a diverged network) shows as a tie, white.</summary>
    private static int Level(float p)
    {
        var level = (int)(p * 255f + 0.5f);
        return (uint)level <= 255 ? level : 0;
    }

    /// <summary>[class·256 + level] → opaque RGBA8888 (or BGRA8888) as a little-endian word.</summary>
    private static uint[] BuildTable((int Classes, bool Bgra) key)
    {
        var (classes, bgra) = key;
        var table = new uint[classes * 256];
        for (var c = 0; c < classes; c++)
        {
            for (var level = 0; level < 256; level++)
            {
                var t = Palette.Tint(c, level / 255f, classes);
                var (first, third) = bgra ? (t.Blue, t.Red) : (t.Red, t.Blue);
                table[c * 256 + level] = first | (uint)t.Green << 8 | (uint)third << 16 | 0xFF000000u;
            }
        }
        return table;
    }
}
