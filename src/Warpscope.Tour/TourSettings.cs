namespace Warpscope.Tour;

/// <summary>How big the tour is: full quality, or quick (fewer points, frames and pixels) for tests and a first look.</summary>
public sealed record TourSettings(string Folder = "warpscope-tour", bool Quick = false, int Seed = 1)
{
    public int Size => Quick ? 320 : 560;
    public int Frames => Quick ? 16 : 90;
    public int AnimationSize => Quick ? 200 : 380;
    public int Cells => Quick ? 32 : 64;
}
