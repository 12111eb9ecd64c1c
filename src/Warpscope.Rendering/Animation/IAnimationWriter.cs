namespace Warpscope.Rendering.Animation;

/// <summary>
/// Writes an animation one frame at a time. Frames are opaque RGBA8888, row-major, top row first:
/// exactly <c>SKBitmap.GetPixelSpan()</c> of an <c>SKColorType.Rgba8888</c> bitmap.
/// </summary>
public interface IAnimationWriter : IDisposable
{
    int Width { get; }

    int Height { get; }

    /// <summary>Appends a frame of <see cref="Width"/>·<see cref="Height"/>·4 bytes, shown for
    /// <paramref name="repeat"/> frame durations (hold frames at the ends of a morph).</summary>
    void AddFrame(ReadOnlySpan<byte> rgba, int repeat = 1);

    /// <summary>Completes the file. Disposing without finishing discards the partial file.</summary>
    void Finish();
}
