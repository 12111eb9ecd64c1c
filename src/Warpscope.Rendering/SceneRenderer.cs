using SkiaSharp;
using Warpscope.Core;
using Warpscope.Core.IO;
using Warpscope.Core.Scenes;

namespace Warpscope.Rendering;

/// <summary>
/// Scenes to pictures: one scene or several side by side (a multi-panel figure), as a bitmap, PNG
/// bytes (fast encoder settings) or SVG (real vector paths, the input field as an embedded image).
/// The same inputs always give the same bytes.
/// </summary>
public sealed class SceneRenderer : IDisposable
{
    private readonly Fonts _fonts = new();

    public void Dispose() => _fonts.Dispose();

    /// <summary>
    /// The pixel layout of <see cref="Bitmap"/>: Skia's native one (BGRA8888 on x64 Linux and Windows),
    /// because Skia only has its fast blitters for that; into RGBA8888 every stroke, glyph and fill goes
    /// through its general raster pipeline, and the 512² input view's 42 grid lines alone took 1.1 ms
    /// instead of 0.1 (issue #6). The encoders read either layout.
    /// </summary>
    internal static SKColorType ColorType { get; } = SKImageInfo.PlatformColorType == SKColorType.Bgra8888 ? SKColorType.Bgra8888 : SKColorType.Rgba8888;

    /// <summary>Panels side by side, each an equal share of the width, in <see cref="ColorType"/> (read pixels with GetPixel, or <see cref="EncodePng"/>).</summary>
    public SKBitmap Bitmap(IReadOnlyList<Scene> panels, int width, int height)
    {
        CheckSize(width, height);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, ColorType, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        Draw(canvas, panels, width, height, vector: false, bitmap);
        return bitmap;
    }

    /// <summary>Draws into an existing bitmap of the right size (animation frames reuse one).</summary>
    public void Draw(SKBitmap bitmap, IReadOnlyList<Scene> panels)
    {
        using var canvas = new SKCanvas(bitmap);
        Draw(canvas, panels, bitmap.Width, bitmap.Height, vector: false, bitmap);
    }

    public byte[] Png(IReadOnlyList<Scene> panels, int width, int height)
    {
        using var bitmap = Bitmap(panels, width, height);
        return EncodePng(bitmap);
    }

    /// <summary>An opaque RGBA8888 or BGRA8888 bitmap as PNG bytes.</summary>
    public static byte[] EncodePng(SKBitmap bitmap)
    {
        if (bitmap.ColorType is not (SKColorType.Rgba8888 or SKColorType.Bgra8888) || bitmap.RowBytes != bitmap.Width * 4)
            throw new ArgumentException($"cannot encode {bitmap.ColorType} pixels with {bitmap.RowBytes} bytes a row", nameof(bitmap));
        return PngEncoder.Encode(bitmap.GetPixelSpan(), bitmap.Width, bitmap.Height, bgra: bitmap.ColorType == SKColorType.Bgra8888);
    }

    public byte[] Svg(IReadOnlyList<Scene> panels, int width, int height)
    {
        CheckSize(width, height);
        using var stream = new MemoryStream();
        using (var managed = new SKManagedWStream(stream))
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(width, height), managed))
        {
            Draw(canvas, panels, width, height, vector: true);
        }
        return stream.ToArray();
    }

    /// <summary>Writes a .png or .svg (by the path's extension) atomically.</summary>
    public void Save(string path, IReadOnlyList<Scene> panels, int width, int height)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var bytes = extension switch
        {
            ".png" => Png(panels, width, height),
            ".svg" => Svg(panels, width, height),
            _ => throw new UserInputException($"{path}: unknown picture format '{extension}' (use .png or .svg)"),
        };
        AtomicFile.Write(path, s => s.Write(bytes));
    }

    private void Draw(SKCanvas canvas, IReadOnlyList<Scene> panels, int width, int height, bool vector, SKBitmap? target = null)
    {
        if (panels.Count == 0) throw new ArgumentException("no scene to draw", nameof(panels));
        canvas.Clear(SKColors.White);
        var painter = new ScenePainter(_fonts) { Vector = vector, Target = target };
        var panelWidth = (float)width / panels.Count;
        for (var i = 0; i < panels.Count; i++) painter.Paint(canvas, SKRect.Create(i * panelWidth, 0, panelWidth, height), panels[i]);
    }

    private static void CheckSize(int width, int height)
    {
        if (width is < 16 or > 8192 || height is < 16 or > 8192)
            throw new UserInputException($"size {width}×{height}: each side must be 16 to 8192 pixels");
    }
}
