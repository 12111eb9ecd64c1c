using System.Numerics;
using SkiaSharp;
using Warpscope.Core.Representations.Geometry;

namespace Warpscope.Rendering;

/// <summary>
/// Fills a triangle mesh straight into a bitmap's pixels, as Skia's DrawVertices does without
/// anti-aliasing (a pixel is filled when its centre lies in a triangle; later triangles on top), but
/// without building Skia's vertex buffers: the carried sheet of a saturated PCA view (48k cells then)
/// made a 512² picture take 124 ms through DrawVertices and 31 ms through this, 5 of them without
/// the sheet (issue 12, one steady-state run).
/// </summary>
internal static unsafe class MeshRaster
{
    /// <summary>Triangles (three positions each) with a colour at each vertex, interpolated across (Gouraud), opaque.</summary>
    public static void Gouraud(SKBitmap target, SKRectI clip, ReadOnlySpan<SKPoint> positions, ReadOnlySpan<SKColor> colours)
    {
        var sink = new GouraudSink { Pixels = (uint*)target.GetPixels(), Width = target.Width, Bgra = target.ColorType == SKColorType.Bgra8888 };
        for (var t = 0; t + 2 < positions.Length; t += 3)
        {
            sink.Set(colours[t], colours[t + 1], colours[t + 2]);
            Fill(positions[t], positions[t + 1], positions[t + 2], clip, target.Width, target.Height, ref sink);
        }
    }

    /// <summary>Marks the pixels (of a width × height mask, row-major) whose centres the triangles cover.</summary>
    public static void Mask(bool[] mask, int width, int height, ReadOnlySpan<SKPoint> positions)
    {
        fixed (bool* p = mask)
        {
            var sink = new MaskSink { Mask = p, Width = width };
            var clip = new SKRectI(0, 0, width, height);
            for (var t = 0; t + 2 < positions.Length; t += 3) Fill(positions[t], positions[t + 1], positions[t + 2], clip, width, height, ref sink);
        }
    }

    private interface IPixelSink
    {
        /// <summary>One pixel with its barycentric weights.</summary>
        void At(int x, int y, float w0, float w1, float w2);

        /// <summary>Pixels from..to of row y, where the weights are w0 = s0·px + o0, w1 = s1·px + o1 at pixel centre px.</summary>
        void Row(int y, int from, int to, float s0, float o0, float s1, float o1);
    }

    /// <summary>A row pixel by pixel, each with its weights (clamped at the ends, where rounding may stray).</summary>
    private static void EachPixel<TSink>(ref TSink sink, int y, int from, int to, float s0, float o0, float s1, float o1) where TSink : struct, IPixelSink
    {
        for (var x = from; x <= to; x++)
        {
            var px = x + 0.5f;
            var w0 = Math.Clamp(s0 * px + o0, 0f, 1f);
            var w1 = Math.Clamp(s1 * px + o1, 0f, 1f - w0);
            sink.At(x, y, w0, w1, 1 - w0 - w1);
        }
    }

    private struct GouraudSink : IPixelSink
    {
        public uint* Pixels;
        public int Width;
        public bool Bgra;
        private SKColor _c0, _c1, _c2;
        private uint _flat;
        private bool _isFlat;

        public void Set(SKColor c0, SKColor c1, SKColor c2)
        {
            (_c0, _c1, _c2) = (c0, c1, c2);
            _isFlat = c0 == c1 && c1 == c2;
            _flat = Pack(c0.Red, c0.Green, c0.Blue);
        }

        public readonly void At(int x, int y, float w0, float w1, float w2) =>
            Pixels[(long)y * Width + x] = _isFlat ? _flat : Pack(
                (byte)(w0 * _c0.Red + w1 * _c1.Red + w2 * _c2.Red + 0.5f),
                (byte)(w0 * _c0.Green + w1 * _c1.Green + w2 * _c2.Green + 0.5f),
                (byte)(w0 * _c0.Blue + w1 * _c1.Blue + w2 * _c2.Blue + 0.5f));

        public void Row(int y, int from, int to, float s0, float o0, float s1, float o1)
        {
            if (_isFlat) new Span<uint>(Pixels + (long)y * Width + from, to - from + 1).Fill(_flat);
            else EachPixel(ref this, y, from, to, s0, o0, s1, o1);
        }

        private readonly uint Pack(byte r, byte g, byte b) => Bgra
            ? b | (uint)g << 8 | (uint)r << 16 | 0xFF000000u
            : r | (uint)g << 8 | (uint)b << 16 | 0xFF000000u;
    }

    private struct MaskSink : IPixelSink
    {
        public bool* Mask;
        public int Width;

        public readonly void At(int x, int y, float w0, float w1, float w2) => Mask[(long)y * Width + x] = true;

        public readonly void Row(int y, int from, int to, float s0, float o0, float s1, float o1) =>
            new Span<bool>(Mask + (long)y * Width + from, to - from + 1).Fill(true);
    }

    /// <summary>The same sink with x and y swapped: a tall thin triangle is scanned column by column.</summary>
    private struct Transposed<TSink>(TSink inner) : IPixelSink where TSink : struct, IPixelSink
    {
        public TSink Inner = inner;

        public void At(int x, int y, float w0, float w1, float w2) => Inner.At(y, x, w0, w1, w2);

        public void Row(int y, int from, int to, float s0, float o0, float s1, float o1) => EachPixel(ref this, y, from, to, s0, o0, s1, o1);
    }

    /// <summary>
    /// Every pixel whose centre lies in the triangle, with its barycentric weights, into the sink; scanned
    /// along its longer side, so the work is its pixels plus its shorter side (saturated layers squeeze
    /// cells into long thin slivers).
    /// </summary>
    private static void Fill<TSink>(SKPoint a, SKPoint b, SKPoint c, SKRectI clip, int width, int height, ref TSink sink) where TSink : struct, IPixelSink
    {
        float left = MathF.Min(a.X, MathF.Min(b.X, c.X)), right = MathF.Max(a.X, MathF.Max(b.X, c.X));
        float bottom = MathF.Min(a.Y, MathF.Min(b.Y, c.Y)), top = MathF.Max(a.Y, MathF.Max(b.Y, c.Y));
        // No pixel centre within reach across or down: nothing to fill (most of a fine sheet's triangles are
        // smaller than a pixel, and this is cheaper than setting up their rows). Same test as Rows' bounds.
        if (MathF.Ceiling(left - 0.5f - EdgeSlack) > MathF.Floor(right - 0.5f + EdgeSlack)
            || MathF.Ceiling(bottom - 0.5f - EdgeSlack) > MathF.Floor(top - 0.5f + EdgeSlack)) return;
        var wide = right - left;
        var tall = top - bottom;
        if (tall > wide)
        {
            var transposed = new Transposed<TSink>(sink);
            // Swapping x and y mirrors the triangle, which flips the sign of its area: the weights stay the same.
            Rows(new SKPoint(a.Y, a.X), new SKPoint(b.Y, b.X), new SKPoint(c.Y, c.X), new SKRectI(clip.Top, clip.Left, clip.Bottom, clip.Right), height, width, ref transposed);
            sink = transposed.Inner;
            return;
        }
        Rows(a, b, c, clip, width, height, ref sink);
    }

    private static void Rows<TSink>(SKPoint a, SKPoint b, SKPoint c, SKRectI clip, int width, int height, ref TSink sink) where TSink : struct, IPixelSink
    {
        if (!TriangleRows.TryCreate(new Vector2(a.X, a.Y), new Vector2(b.X, b.Y), new Vector2(c.X, c.Y), out var rows)) return;
        var x0 = Math.Max(Math.Max(clip.Left, 0), (int)MathF.Ceiling(MathF.Min(a.X, MathF.Min(b.X, c.X)) - 0.5f - EdgeSlack));
        var x1 = Math.Min(Math.Min(clip.Right, width) - 1, (int)MathF.Floor(MathF.Max(a.X, MathF.Max(b.X, c.X)) - 0.5f + EdgeSlack));
        var y0 = Math.Max(Math.Max(clip.Top, 0), (int)MathF.Ceiling(MathF.Min(a.Y, MathF.Min(b.Y, c.Y)) - 0.5f - EdgeSlack));
        var y1 = Math.Min(Math.Min(clip.Bottom, height) - 1, (int)MathF.Floor(MathF.Max(a.Y, MathF.Max(b.Y, c.Y)) - 0.5f + EdgeSlack));
        for (var y = y0; y <= y1; y++)
        {
            // Pixel centres widened by a hair: a centre on an edge that two triangles share is then filled by
            // both (the later wins), never by neither through rounding (a crack, a white speck).
            if (!rows.Span(y, EdgeSlack, out var from, out var to, out var o0, out var o1)) continue;
            from = Math.Max(x0, from);
            to = Math.Min(x1, to);
            if (from <= to) sink.Row(y, from, to, rows.S0, o0, rows.S1, o1);
        }
    }

    /// <summary>How far outside a triangle (in pixels) a pixel centre may lie and still count as on its edge.</summary>
    private const float EdgeSlack = 1e-3f;
}
