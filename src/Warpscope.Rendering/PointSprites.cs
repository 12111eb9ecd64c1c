using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SkiaSharp;
using Warpscope.Core.Scenes;

namespace Warpscope.Rendering;

/// <summary>
/// Data points as pre-rasterised sprites: each kind of point (fill and rim colour, size) is drawn once
/// by Skia, exactly as <see cref="SKCanvas.DrawCircle(SKPoint, float, SKPaint)"/> would draw it, at
/// 32×32 sub-pixel offsets, and each point then copies the nearest one (at most 1/64 pixel off) over the
/// picture with source-over blending, in the scene's order. Two antialiased circles per point through
/// Skia cost 6 ms of the 512² input view's 23.5 ms for 1000 points (issue #6); the sprites take a
/// tenth of that and allocate nothing per frame.
/// </summary>
internal sealed class PointSprites
{
    // 32 offsets a side: sprites 1/64 pixel from the true centre at most, so that 99.7 % of the pixels of
    // a 512² view with 1000 points are within 4 levels of Skia's own circles (8 a side: 97.6 %).
    private const int Steps = 32;
    private const int MaxCached = 16;
    private static readonly ConcurrentDictionary<(SKColor Fill, SKColor Rim, float Radius, float Width, SKColorType Layout), PointSprites> Cache = new();

    private readonly uint[] _pixels; // [Steps·Steps sub-pixel offsets][Size·Size] premultiplied, in the target's layout
    private readonly bool[] _built; // [Steps·Steps]: sprites are drawn when first used, so a one-off picture pays no more than before
    private readonly int _half;
    private readonly int _size;
    private readonly SKBitmap _scratch;
    private readonly SKCanvas _canvas;
    private readonly SKPaint _fill;
    private readonly SKPaint _rim;
    private readonly float _radius;
    private readonly Lock _lock = new();

    private PointSprites(SKColor fill, SKColor rim, float radius, float width, SKColorType layout)
    {
        var outer = radius + width / 2;
        _half = (int)MathF.Ceiling(outer) + 1;
        _size = 2 * _half + 2; // the centre lies in [half, half + 1), antialiasing reaches one pixel beyond
        _pixels = new uint[Steps * Steps * _size * _size];
        _built = new bool[Steps * Steps];
        _radius = radius;
        _scratch = new SKBitmap(new SKImageInfo(_size, _size, layout, SKAlphaType.Premul));
        _canvas = new SKCanvas(_scratch);
        _fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill, Color = fill };
        _rim = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width, Color = rim };
    }

    private ReadOnlySpan<uint> Sprite(int qx, int qy)
    {
        var index = qy * Steps + qx;
        var sprite = _pixels.AsSpan(index * _size * _size, _size * _size);
        if (Volatile.Read(ref _built[index])) return sprite;
        lock (_lock)
        {
            if (!_built[index])
            {
                _canvas.Clear(SKColors.Transparent);
                var centre = new SKPoint(_half + (qx + 0.5f) / Steps, _half + (qy + 0.5f) / Steps);
                _canvas.DrawCircle(centre, _radius, _fill);
                _canvas.DrawCircle(centre, _radius, _rim);
                MemoryMarshal.Cast<byte, uint>(_scratch.GetPixelSpan()).CopyTo(sprite);
                Volatile.Write(ref _built[index], true);
            }
        }
        return sprite;
    }

    /// <summary>Training points filled with a white rim, test points white with a coloured ring; later points over earlier ones.</summary>
    public static void Paint(SKBitmap target, SKRectI clip, Func<Vector2, SKPoint> toPixels, IReadOnlyList<ScenePoint> points, float radius, float width, ValueScale? values = null)
    {
        var pixels = MemoryMarshal.Cast<byte, uint>(target.GetPixelSpan());
        clip = SKRectI.Intersect(clip, new SKRectI(0, 0, target.Width, target.Height));
        if (clip.IsEmpty) return;
        PointSprites? last = null;
        (SKColor, SKColor) lastColours = default;
        foreach (var point in points)
        {
            var p = toPixels(point.Position);
            if (!(p.X > clip.Left - 64 && p.X < clip.Right + 64 && p.Y > clip.Top - 64 && p.Y < clip.Bottom + 64)) continue; // off the plot, or NaN
            var colours = Colours(point, values);
            if (last is null || colours != lastColours)
            {
                last = For(colours.Item1, colours.Item2, radius, width, target.ColorType);
                lastColours = colours;
            }
            last.Blend(pixels, target.Width, clip, p);
        }
    }

    /// <summary>
    /// Fill and rim. Classes: training points filled with a white rim, test points white with a coloured
    /// ring. Regression: filled with the target's colour on the scale, a dark rim for training points and a
    /// light grey one for test points (a white rim would vanish on the white middle of the scale).
    /// </summary>
    public static (SKColor Fill, SKColor Rim) Colours(ScenePoint point, ValueScale? values)
    {
        if (values is not null)
            return (Palette.Value(values.Position(point.Value)), point.Test ? new SKColor(0x99, 0x99, 0x99) : new SKColor(0x33, 0x33, 0x33));
        var colour = Palette.Class(point.Class);
        return point.Test ? (SKColors.White, colour) : (colour, SKColors.White);
    }

    private static PointSprites For(SKColor fill, SKColor rim, float radius, float width, SKColorType layout)
    {
        var key = (fill, rim, radius, width, layout);
        if (Cache.TryGetValue(key, out var sprites)) return sprites;
        if (Cache.Count >= MaxCached) Cache.Clear(); // many sizes in one process (a tour): keep memory bounded
        return Cache.GetOrAdd(key, k => new PointSprites(k.Fill, k.Rim, k.Radius, k.Width, k.Layout));
    }

    private void Blend(Span<uint> pixels, int stride, SKRectI clip, SKPoint at)
    {
        var ix = (int)MathF.Floor(at.X);
        var iy = (int)MathF.Floor(at.Y);
        var qx = Math.Min(Steps - 1, (int)((at.X - ix) * Steps));
        var qy = Math.Min(Steps - 1, (int)((at.Y - iy) * Steps));
        var sprite = Sprite(qx, qy);
        int x0 = ix - _half, y0 = iy - _half;
        int sx0 = Math.Max(0, clip.Left - x0), sx1 = Math.Min(_size, clip.Right - x0);
        int sy0 = Math.Max(0, clip.Top - y0), sy1 = Math.Min(_size, clip.Bottom - y0);
        if (sx0 >= sx1) return;
        for (var sy = sy0; sy < sy1; sy++)
        {
            var row = (y0 + sy) * stride + x0;
            Over(sprite.Slice(sy * _size + sx0, sx1 - sx0), pixels.Slice(row + sx0, sx1 - sx0));
        }
    }

    /// <summary>
    /// Premultiplied source over destination, d = s + d·(255 − a)/255 rounded as <see cref="Scale"/> does,
    /// four pixels a step: with a = 0 (s = 0) and a = 255 the same formula leaves d and gives s, so the
    /// branches of the one-pixel rule are not needed (the 512² view's 1000 points: 0.3 → 0.24 ms, issue #6).
    /// </summary>
    internal static void Over(ReadOnlySpan<uint> source, Span<uint> target)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var rounding = Vector128.Create((ushort)128);
            for (; i + Vector128<uint>.Count <= source.Length; i += Vector128<uint>.Count)
            {
                var s = Vector128.Create(source[i..]);
                var d = Vector128.Create<uint>(target[i..]).AsByte();
                var f = ((Vector128.Create(255u) - (s >> 24)) * 0x01010101u).AsByte(); // 255 − a in every channel
                var (dLow, dHigh) = Vector128.Widen(d);
                var (fLow, fHigh) = Vector128.Widen(f);
                var low = dLow * fLow + rounding;
                var high = dHigh * fHigh + rounding;
                low = (low + (low >> 8)) >> 8;
                high = (high + (high >> 8)) >> 8;
                (Vector128.Narrow(low, high).AsUInt32() + s).CopyTo(target[i..]);
            }
        }
        for (; i < source.Length; i++)
        {
            var s = source[i];
            var a = s >> 24;
            if (a == 0) continue;
            ref var d = ref target[i];
            d = a == 255 ? s : s + Scale(d, 255 - a);
        }
    }

    /// <summary>Each 8-bit channel of premultiplied d times f/255, rounded: two channels per multiply.</summary>
    private static uint Scale(uint d, uint f)
    {
        var rb = (d & 0x00FF00FFu) * f + 0x00800080u;
        var ga = (d >> 8 & 0x00FF00FFu) * f + 0x00800080u;
        rb = (rb + (rb >> 8 & 0x00FF00FFu)) >> 8 & 0x00FF00FFu;
        ga = (ga + (ga >> 8 & 0x00FF00FFu)) & 0xFF00FF00u;
        return rb | ga;
    }
}
