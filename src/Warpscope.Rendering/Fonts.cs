using SkiaSharp;

namespace Warpscope.Rendering;

/// <summary>
/// DejaVu Sans regular and bold, embedded in the assembly: with no font installed, Skia would
/// silently draw no text at all.
/// </summary>
public sealed class Fonts : IDisposable
{
    public Fonts()
    {
        Regular = Load("DejaVuSans.ttf");
        Bold = Load("DejaVuSans-Bold.ttf");
    }

    public SKTypeface Regular { get; }
    public SKTypeface Bold { get; }

    public void Dispose()
    {
        Regular.Dispose();
        Bold.Dispose();
    }

    private static SKTypeface Load(string file)
    {
        var stream = typeof(Fonts).Assembly.GetManifestResourceStream($"Warpscope.Rendering.Fonts.{file}")
            ?? throw new InvalidOperationException($"embedded font {file} is missing");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"embedded font {file} cannot be read");
    }
}
