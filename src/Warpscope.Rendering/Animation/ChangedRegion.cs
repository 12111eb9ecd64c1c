using System.Numerics;

namespace Warpscope.Rendering.Animation;

/// <summary>
/// The bounding rectangle of the pixels that differ between two frames. A morph animation changes
/// only the plot area, so encoding just this rectangle (over an undisposed previous frame) shrinks
/// GIFs several-fold.
/// </summary>
internal static class ChangedRegion
{
    // previous, current: [height, width] packed RGBA pixels
    public static PixelRect Find(ReadOnlySpan<uint> previous, ReadOnlySpan<uint> current, int width, int height)
    {
        var top = 0;
        while (top < height && Row(previous, width, top).SequenceEqual(Row(current, width, top))) top++;
        if (top == height) return default;

        var bottom = height - 1;
        while (Row(previous, width, bottom).SequenceEqual(Row(current, width, bottom))) bottom--;

        var left = width;
        var right = -1;
        for (var y = top; y <= bottom; y++)
        {
            var a = Row(previous, width, y);
            var b = Row(current, width, y);
            var prefix = a.CommonPrefixLength(b);
            if (prefix == width) continue;
            left = Math.Min(left, prefix);
            right = Math.Max(right, LastDifference(a, b));
        }
        return new PixelRect(left, top, right - left + 1, bottom - top + 1);
    }

    private static ReadOnlySpan<uint> Row(ReadOnlySpan<uint> pixels, int width, int y) => pixels.Slice(y * width, width);

    // The rows are known to differ somewhere; walk back from the end a vector at a time.
    private static int LastDifference(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        var i = a.Length;
        var lanes = Vector<uint>.Count;
        while (i >= lanes && new Vector<uint>(a.Slice(i - lanes, lanes)) == new Vector<uint>(b.Slice(i - lanes, lanes))) i -= lanes;
        do i--;
        while (a[i] == b[i]);
        return i;
    }
}
