using System.Runtime.InteropServices;

namespace Warpscope.Rendering.Animation;

/// <summary>
/// An animated GIF89a encoder, fast and deterministic: the same frames always give the same bytes.
/// <list type="bullet">
/// <item>Colours: a frame with at most 256 colours keeps them exactly; otherwise a median-cut
/// palette (see <see cref="MedianCutQuantizer"/>), with no dithering, which would shimmer.</item>
/// <item>Only the rectangle that changed since the previous frame is encoded, drawn over the
/// undisposed previous frame, and its unchanged pixels are transparent.</item>
/// <item>A frame equal to the one before it, or added with <c>repeat &gt; 1</c>, becomes one frame
/// with a longer delay, so the decoded frame count can be lower than the number of calls.</item>
/// <item>Delays are whole centiseconds: frame k starts at ⌊100·k/fps⌋ cs, so rounding never
/// accumulates (30 fps gives 3, 3, 4, 3, 3, 4 …).</item>
/// </list>
/// The writer does not own <c>output</c>: it neither closes it nor, when disposed unfinished,
/// removes what was written (<see cref="AnimationFile"/> does that for files). A frame is written
/// once the next different frame arrives, or at <see cref="Finish"/>. Pixels are handled as
/// little-endian 32-bit words (red in the low byte), as on every platform .NET targets here.
/// </summary>
public sealed class GifWriter : IAnimationWriter
{
    /// <summary>Delays of 1 cs are shown as 10 cs by browsers, so GIF cannot go faster than 50 fps.</summary>
    public const double MaxFps = 50;

    private const int MaxDelay = ushort.MaxValue;

    private readonly Stream _output;
    private readonly double _fps;
    private readonly int _loopCount;
    private readonly GifByteBuffer _buffer = new();
    private readonly GifLzwEncoder _lzw = new();
    private readonly FramePalettizer _palettizer = new();
    private GifPalette? _global;
    private uint[] _pending;
    private uint[] _shown;
    private bool _hasPending;
    private bool _hasShown;
    private long _pendingRepeat;
    private long _framesShown;
    private bool _closed;

    /// <param name="output">receives the GIF; left open.</param>
    /// <param name="loopCount">NETSCAPE2.0 repeat count: 0 loops forever.</param>
    public GifWriter(Stream output, int width, int height, double fps, int loopCount = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (width is < 1 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(width), width, "A GIF is 1 to 65535 pixels wide.");
        if (height is < 1 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(height), height, "A GIF is 1 to 65535 pixels high.");
        if (!(fps > 0 && fps <= MaxFps))
            throw new ArgumentOutOfRangeException(nameof(fps), fps, $"GIF plays 0 < fps ≤ {MaxFps}: delays are whole centiseconds and browsers slow 1 cs to 10 cs.");
        if ((long)width * height * 4 > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(height), height, $"A {width}×{height} RGBA frame does not fit in one array.");
        if (loopCount is < 0 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(loopCount), loopCount, "GIF loop count is 0 (forever) to 65535.");
        _output = output;
        Width = width;
        Height = height;
        _fps = fps;
        _loopCount = loopCount;
        _pending = new uint[width * height];
        _shown = new uint[width * height];
    }

    public int Width { get; }

    public int Height { get; }

    public void AddFrame(ReadOnlySpan<byte> rgba, int repeat = 1)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (rgba.Length != Width * Height * 4)
            throw new ArgumentException($"A {Width}×{Height} RGBA frame is {Width * Height * 4} bytes; got {rgba.Length}.", nameof(rgba));
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);

        var pixels = MemoryMarshal.Cast<byte, uint>(rgba);
        if (_hasPending && pixels.SequenceEqual(_pending))
        {
            _pendingRepeat += repeat;
            return;
        }
        if (_hasPending) WritePending();
        pixels.CopyTo(_pending);
        _hasPending = true;
        _pendingRepeat = repeat;
    }

    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (!_hasPending) throw new InvalidOperationException("GifWriter.Finish: no frame was added; a GIF needs at least one.");
        WritePending();
        _buffer.WriteByte(0x3B);
        _buffer.FlushTo(_output);
        _output.Flush();
        _closed = true;
    }

    public void Dispose() => _closed = true;

    private void WritePending()
    {
        var rect = _hasShown
            ? ChangedRegion.Find(_shown, _pending, Width, Height)
            : new PixelRect(0, 0, Width, Height);
        var palette = _palettizer.Palettize(_pending, _hasShown ? _shown : default, Width, rect);
        if (_global is null)
        {
            // The first frame's colours become the global table, with a spare transparent slot
            // so that later frames drawn in the same colours need no table of their own.
            if (palette.TransparentIndex < 0 && palette.Colours.Length < 256) palette = new GifPalette(palette.Colours.ToArray(), transparentSlot: true);
            _global = palette;
            _palettizer.SetGlobal(palette);
            WriteHeader(palette);
        }

        var start = _framesShown;
        var end = start + _pendingRepeat;
        var delay = CentisecondsAt(end) - CentisecondsAt(start);
        WriteImage(rect, (int)Math.Min(delay, MaxDelay), palette, localTable: palette != _global, _palettizer.Indices);

        // A delay field holds at most 655.35 s; a longer hold continues as invisible 1×1 frames.
        for (var left = delay - MaxDelay; left > 0; left -= MaxDelay) WriteTransparentPixel((int)Math.Min(left, MaxDelay));

        _buffer.FlushTo(_output);
        (_shown, _pending) = (_pending, _shown);
        _hasShown = true;
        _hasPending = false;
        _framesShown = end;
    }

    // Frame k starts at ⌊100·k/fps⌋ cs; the epsilon keeps a whole quotient (700/7) that double
    // arithmetic lands just below from flooring a centisecond short.
    private long CentisecondsAt(long frame) => (long)Math.Floor(frame * 100.0 / _fps + 1e-6);

    private void WriteHeader(GifPalette global)
    {
        _buffer.WriteAscii("GIF89a");
        _buffer.WriteUInt16(Width);
        _buffer.WriteUInt16(Height);
        // Global table present, 8-bit colour resolution, unsorted, 2^Bits entries.
        _buffer.WriteByte(0x80 | 7 << 4 | (global.Bits - 1));
        _buffer.WriteByte(0); // background colour index
        _buffer.WriteByte(0); // no pixel aspect ratio
        global.WriteTable(_buffer);

        _buffer.WriteBytes([0x21, 0xFF, 11]);
        _buffer.WriteAscii("NETSCAPE2.0");
        _buffer.WriteBytes([3, 1]);
        _buffer.WriteUInt16(_loopCount);
        _buffer.WriteByte(0);
    }

    /// <param name="localTable">write <paramref name="palette"/> as this image's own table (else it is the global one).</param>
    private void WriteImage(PixelRect rect, int delay, GifPalette palette, bool localTable, ReadOnlySpan<byte> indices)
    {
        var transparent = palette.TransparentIndex >= 0 && indices.Contains((byte)palette.TransparentIndex);
        WriteGraphicControl(delay, transparent ? palette.TransparentIndex : -1);

        _buffer.WriteByte(0x2C);
        _buffer.WriteUInt16(rect.X);
        _buffer.WriteUInt16(rect.Y);
        _buffer.WriteUInt16(rect.Width);
        _buffer.WriteUInt16(rect.Height);
        _buffer.WriteByte(localTable ? 0x80 | (palette.Bits - 1) : 0);
        if (localTable) palette.WriteTable(_buffer);
        _lzw.Encode(indices, palette.MinCodeSize, _buffer);
    }

    private void WriteTransparentPixel(int delay)
    {
        var palette = new GifPalette([0xFF000000u], transparentSlot: true);
        WriteImage(new PixelRect(0, 0, 1, 1), delay, palette, localTable: true, [(byte)palette.TransparentIndex]);
    }

    // Disposal 1, "do not dispose": the next frame draws over this one.
    private void WriteGraphicControl(int delay, int transparentIndex)
    {
        _buffer.WriteBytes([0x21, 0xF9, 4]);
        _buffer.WriteByte(1 << 2 | (transparentIndex >= 0 ? 1 : 0));
        _buffer.WriteUInt16(delay);
        _buffer.WriteByte(Math.Max(transparentIndex, 0));
        _buffer.WriteByte(0);
    }
}
