namespace Warpscope.Rendering.Animation;

/// <summary>
/// The colour table and indices of a frame from its colour histogram: the frame's own colours
/// when they fit (at most 256, or 255 beside a transparent slot), else a median-cut palette with
/// each pixel mapped to its nearest entry. Deterministic: ties are broken by colour value, never
/// by hash or sort order.
/// <para>
/// Rendered frames are mostly flat colours with anti-aliased edges. Splitting the box with the
/// largest pixel count × colour range, at the pixel-count median, isolates each flat colour in a
/// box of its own, and a box dominated by one colour takes that exact colour rather than a mean,
/// so flat areas come out exact and only edge blends are approximated. No dithering: dither
/// patterns change from frame to frame and make a still background shimmer.
/// </para>
/// </summary>
internal sealed class MedianCutQuantizer
{
    // Up to this many distinct colours are histogrammed exactly; beyond (photographic noise),
    // colours are binned to 6 bits per channel, which keeps the work bounded.
    private const int ExactLimit = 1 << 16;
    private const int BinCount = 1 << 18;

    private readonly ColourMap _exact = new(ExactLimit);
    private readonly int[] _binEntry = NewBinTable();
    private uint[] _colour = new uint[1024];
    private int[] _count = new int[1024];
    private uint[] _bin = new uint[1024];
    private long[] _sums = new long[3 * 1024];
    private int[] _order = new int[1024];
    private ulong[] _sortKeys = new ulong[1024];
    private byte[] _entryIndex = new byte[1024];
    private int[] _entryOfPixel = [];
    private int _entries;
    private readonly List<Box> _boxes = new(256);

    /// <summary>Indexes the pixels of <paramref name="rect"/> that differ from <paramref name="previous"/>
    /// (all of them when it is empty); unchanged pixels get the palette's transparent index.</summary>
    /// <param name="current">[height, stride] packed RGBA.</param>
    /// <param name="indices">[rect.Height, rect.Width] palette indices out.</param>
    public GifPalette Quantize(ReadOnlySpan<uint> current, ReadOnlySpan<uint> previous, int stride, PixelRect rect, Span<byte> indices)
    {
        if (_entryOfPixel.Length < rect.Area) _entryOfPixel = new int[rect.Area];
        var anyUnchanged = false;
        var exact = TryHistogramExact(current, previous, stride, rect, ref anyUnchanged);
        if (!exact) HistogramBinned(current, previous, stride, rect);

        var maxColours = anyUnchanged ? 255 : 256;
        uint[] palette;
        if (exact && _entries <= maxColours)
        {
            palette = _colour.AsSpan(0, _entries).ToArray();
            for (var e = 0; e < _entries; e++) _entryIndex[e] = (byte)e;
        }
        else
        {
            palette = MedianCut(maxColours);
            MapEntries(palette);
        }
        var transparent = (byte)palette.Length;
        var entryOfPixel = _entryOfPixel.AsSpan(0, rect.Area);
        for (var i = 0; i < entryOfPixel.Length; i++)
        {
            var entry = entryOfPixel[i];
            indices[i] = entry < 0 ? transparent : _entryIndex[entry];
        }

        if (exact) _exact.Clear();
        else for (var e = 0; e < _entries; e++) _binEntry[_bin[e]] = -1;
        return new GifPalette(palette, anyUnchanged);
    }

    private bool TryHistogramExact(ReadOnlySpan<uint> current, ReadOnlySpan<uint> previous, int stride, PixelRect rect, ref bool anyUnchanged)
    {
        _entries = 0;
        var hasPrevious = !previous.IsEmpty;
        var o = 0;
        uint lastKey = 0;
        var lastEntry = -1;
        var run = 0;
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
                    _entryOfPixel[o++] = -1;
                    anyUnchanged = true;
                    continue;
                }
                var key = ColourMap.Key(pixel);
                if (key != lastKey)
                {
                    // Count a run at once: flat areas are runs of one colour.
                    if (lastEntry >= 0) _count[lastEntry] += run;
                    run = 0;
                    lastEntry = _exact.FindOrAdd(key, _entries);
                    if (lastEntry < 0)
                    {
                        _exact.Clear();
                        return false;
                    }
                    if (lastEntry == _entries) AddEntry(key);
                    lastKey = key;
                }
                run++;
                _entryOfPixel[o++] = lastEntry;
            }
        }
        if (lastEntry >= 0) _count[lastEntry] += run;
        return true;
    }

    private void HistogramBinned(ReadOnlySpan<uint> current, ReadOnlySpan<uint> previous, int stride, PixelRect rect)
    {
        _entries = 0;
        var hasPrevious = !previous.IsEmpty;
        var o = 0;
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
                    _entryOfPixel[o++] = -1;
                    continue;
                }
                var bin = (pixel >> 2 & 0x3F) << 12 | (pixel >> 10 & 0x3F) << 6 | (pixel >> 18 & 0x3F);
                var entry = _binEntry[bin];
                if (entry < 0)
                {
                    entry = _entries;
                    _binEntry[bin] = entry;
                    AddEntry(0);
                    _bin[entry] = bin;
                    _sums[3 * entry] = _sums[3 * entry + 1] = _sums[3 * entry + 2] = 0;
                }
                _count[entry]++;
                _sums[3 * entry] += pixel & 0xFF;
                _sums[3 * entry + 1] += pixel >> 8 & 0xFF;
                _sums[3 * entry + 2] += pixel >> 16 & 0xFF;
                _entryOfPixel[o++] = entry;
            }
        }
        // A bin stands for the mean of its pixels; means of disjoint bins are distinct colours.
        for (var e = 0; e < _entries; e++)
        {
            long n = _count[e];
            _colour[e] = Pack((_sums[3 * e] + n / 2) / n, (_sums[3 * e + 1] + n / 2) / n, (_sums[3 * e + 2] + n / 2) / n);
        }
    }

    private void AddEntry(uint colour)
    {
        if (_entries == _colour.Length)
        {
            var size = 2 * _colour.Length;
            Array.Resize(ref _colour, size);
            Array.Resize(ref _count, size);
            Array.Resize(ref _bin, size);
            Array.Resize(ref _sums, 3 * size);
            Array.Resize(ref _order, size);
            Array.Resize(ref _sortKeys, size);
            Array.Resize(ref _entryIndex, size);
        }
        _colour[_entries] = colour;
        _count[_entries] = 0;
        _entries++;
    }

    private uint[] MedianCut(int maxColours)
    {
        for (var i = 0; i < _entries; i++) _order[i] = i;
        _boxes.Clear();
        _boxes.Add(MakeBox(0, _entries));
        while (_boxes.Count < maxColours)
        {
            var best = -1;
            long bestScore = 0;
            for (var b = 0; b < _boxes.Count; b++)
            {
                var score = _boxes[b].Count * _boxes[b].Range;
                if (score > bestScore)
                {
                    bestScore = score;
                    best = b;
                }
            }
            if (best < 0) break;
            var (low, high) = Split(_boxes[best]);
            _boxes[best] = low;
            _boxes.Add(high);
        }

        var palette = new uint[_boxes.Count];
        for (var b = 0; b < palette.Length; b++) palette[b] = Representative(_boxes[b]);
        return palette;
    }

    private (Box Low, Box High) Split(Box box)
    {
        // Sort by the widest channel; the rest of the colour breaks ties, so the order is total.
        var shift = 8 * box.Channel;
        for (var i = box.Start; i < box.End; i++)
        {
            var colour = _colour[_order[i]] & 0xFFFFFFu;
            _sortKeys[i] = (ulong)(colour >> shift & 0xFF) << 24 | colour;
        }
        Array.Sort(_sortKeys, _order, box.Start, box.End - box.Start);

        long cumulative = 0;
        var split = box.Start + 1;
        for (var i = box.Start; i < box.End; i++)
        {
            cumulative += _count[_order[i]];
            if (2 * cumulative >= box.Count)
            {
                split = i + 1;
                break;
            }
        }
        split = Math.Clamp(split, box.Start + 1, box.End - 1);
        return (MakeBox(box.Start, split), MakeBox(split, box.End));
    }

    private Box MakeBox(int start, int end)
    {
        int minR = 255, minG = 255, minB = 255, maxR = 0, maxG = 0, maxB = 0;
        long count = 0;
        for (var i = start; i < end; i++)
        {
            var e = _order[i];
            var c = _colour[e];
            int r = (int)(c & 0xFF), g = (int)(c >> 8 & 0xFF), b = (int)(c >> 16 & 0xFF);
            minR = Math.Min(minR, r);
            maxR = Math.Max(maxR, r);
            minG = Math.Min(minG, g);
            maxG = Math.Max(maxG, g);
            minB = Math.Min(minB, b);
            maxB = Math.Max(maxB, b);
            count += _count[e];
        }
        int rangeR = maxR - minR, rangeG = maxG - minG, rangeB = maxB - minB;
        var channel = rangeG >= rangeR && rangeG >= rangeB ? 1 : rangeR >= rangeB ? 0 : 2;
        var range = Math.Max(rangeR, Math.Max(rangeG, rangeB));
        return new Box(start, end, count, channel, range);
    }

    // A box dominated by one colour (a flat area) keeps that colour exactly; otherwise the
    // pixel-weighted mean minimises the squared error of the box.
    private uint Representative(Box box)
    {
        long r = 0, g = 0, b = 0;
        var top = _order[box.Start];
        for (var i = box.Start; i < box.End; i++)
        {
            var e = _order[i];
            var c = _colour[e];
            long n = _count[e];
            r += n * (c & 0xFF);
            g += n * (c >> 8 & 0xFF);
            b += n * (c >> 16 & 0xFF);
            if (n > _count[top]) top = e;
        }
        if (2L * _count[top] >= box.Count) return _colour[top];
        var half = box.Count / 2;
        return Pack((r + half) / box.Count, (g + half) / box.Count, (b + half) / box.Count);
    }

    // Each histogram entry goes to its nearest palette colour (squared RGB distance, lowest index
    // on ties); every pixel of that colour then takes one table lookup.
    private void MapEntries(uint[] palette)
    {
        Span<int> pr = stackalloc int[palette.Length];
        Span<int> pg = stackalloc int[palette.Length];
        Span<int> pb = stackalloc int[palette.Length];
        for (var p = 0; p < palette.Length; p++)
        {
            pr[p] = (int)(palette[p] & 0xFF);
            pg[p] = (int)(palette[p] >> 8 & 0xFF);
            pb[p] = (int)(palette[p] >> 16 & 0xFF);
        }
        for (var e = 0; e < _entries; e++)
        {
            var c = _colour[e];
            int r = (int)(c & 0xFF), g = (int)(c >> 8 & 0xFF), b = (int)(c >> 16 & 0xFF);
            var best = 0;
            var bestDistance = int.MaxValue;
            for (var p = 0; p < pr.Length; p++)
            {
                int dr = r - pr[p], dg = g - pg[p], db = b - pb[p];
                var distance = dr * dr + dg * dg + db * db;
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = p;
                }
            }
            _entryIndex[e] = (byte)best;
        }
    }

    private static uint Pack(long r, long g, long b) => 0xFF000000u | (uint)b << 16 | (uint)g << 8 | (uint)r;

    private static int[] NewBinTable()
    {
        var table = new int[BinCount];
        Array.Fill(table, -1);
        return table;
    }

    /// <summary>Entries <c>_order[Start..End)</c>; <see cref="Range"/> is the widest channel's spread.</summary>
    private readonly record struct Box(int Start, int End, long Count, int Channel, int Range);
}
