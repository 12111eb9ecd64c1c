namespace Warpscope.Rendering.Animation;

/// <summary>
/// Turns the changed rectangle of a frame into colour-table indices: with the global table when
/// it holds every colour (no local table is written), else with a table of the frame's own
/// (see <see cref="MedianCutQuantizer"/>). Pixels equal to the previous frame's become transparent:
/// they keep what is already shown, which compresses to long runs and stops a re-quantized but
/// unchanged pixel from flickering.
/// </summary>
internal sealed class FramePalettizer
{
    // Marks an unchanged pixel until the transparent index is known. When any pixel is unchanged
    // the table holds at most 255 colours, so 255 is never also a colour index then.
    private const byte Unchanged = 255;

    private readonly ColourMap _globalMap = new(256);
    private readonly MedianCutQuantizer _quantizer = new();
    private GifPalette? _global;
    private byte[] _indices = [];
    private int _indexCount;

    /// <summary>[rect.Height, rect.Width] indices of the last <see cref="Palettize"/> call.</summary>
    public ReadOnlySpan<byte> Indices => _indices.AsSpan(0, _indexCount);

    public void SetGlobal(GifPalette palette)
    {
        _global = palette;
        _globalMap.Clear();
        for (var i = 0; i < palette.Colours.Length; i++) _globalMap.FindOrAdd(ColourMap.Key(palette.Colours[i]), i);
    }

    /// <summary>Indexes <paramref name="rect"/> of <paramref name="current"/>; returns the table the
    /// indices refer to, which is the global one when every colour was found there.</summary>
    /// <param name="current">[height, stride] packed RGBA.</param>
    /// <param name="previous">the frame on screen before this one, same shape; empty for the first frame.</param>
    public GifPalette Palettize(ReadOnlySpan<uint> current, ReadOnlySpan<uint> previous, int stride, PixelRect rect)
    {
        if (_indices.Length < rect.Area) _indices = new byte[rect.Area];
        _indexCount = rect.Area;
        var indices = _indices.AsSpan(0, rect.Area);

        if (_global is not null
            && TryIndexWithGlobal(current, previous, stride, rect, indices, out var anyUnchanged)
            && (!anyUnchanged || _global.TransparentIndex >= 0))
        {
            if (anyUnchanged) indices.Replace(Unchanged, (byte)_global.TransparentIndex);
            return _global;
        }
        return _quantizer.Quantize(current, previous, stride, rect, indices);
    }

    private bool TryIndexWithGlobal(
        ReadOnlySpan<uint> current, ReadOnlySpan<uint> previous, int stride, PixelRect rect, Span<byte> indices, out bool anyUnchanged)
    {
        anyUnchanged = false;
        var hasPrevious = !previous.IsEmpty;
        var o = 0;
        uint lastKey = 0;
        byte lastIndex = 0;
        for (var y = 0; y < rect.Height; y++)
        {
            var start = (rect.Y + y) * stride + rect.X;
            var row = current.Slice(start, rect.Width);
            var before = hasPrevious ? previous.Slice(start, rect.Width) : default;
            for (var x = 0; x < row.Length; x++)
            {
                var pixel = row[x];
                if (hasPrevious && pixel == before[x])
                {
                    indices[o++] = Unchanged;
                    anyUnchanged = true;
                    continue;
                }
                // Flat areas make long runs of one colour: look up only when the colour changes.
                var key = ColourMap.Key(pixel);
                if (key != lastKey)
                {
                    var index = _globalMap.Find(key);
                    if (index < 0) return false;
                    lastKey = key;
                    lastIndex = (byte)index;
                }
                indices[o++] = lastIndex;
            }
        }
        return true;
    }
}
