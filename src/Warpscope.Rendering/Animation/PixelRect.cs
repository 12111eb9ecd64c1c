namespace Warpscope.Rendering.Animation;

/// <summary>A rectangle of pixels inside a frame; empty when <see cref="Width"/> is 0.</summary>
internal readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Area => Width * Height;

    public bool IsEmpty => Width == 0 || Height == 0;
}
