using Warpscope.Core.Model;

namespace Warpscope.Core.Scenes;

/// <summary>
/// What a hidden view measures about itself: whether its carried colours tell the truth
/// (<see cref="CarriedDisagreement"/>, <see cref="SheetAudit"/>), how saturated its layer is, and how
/// many of its points are squeezed against the edges of the layer's image.
/// </summary>
/// <param name="Layer">The layer shown (0 = the input plane).</param>
/// <param name="CarriedDisagreement">The share of the carried sheet's pixels whose colour differs from the rest of the network's class there; null where it does not apply.</param>
/// <param name="Saturation">The share of points with a unit within 0.02 of its activation's bound; null when unbounded.</param>
/// <param name="PointsNearEdge">The share of data points within 2 pixels of the bounding box of everything the view draws of the layer (for a saturated tanh layer, the ±1 box): points piled into its edges and corners.</param>
/// <param name="Cells">How many cells the carried sheet draws.</param>
public sealed record ViewStats(int Layer, double? CarriedDisagreement, double? Saturation, double? PointsNearEdge, int Cells)
{
    /// <summary>The stats of a scene drawn with <paramref name="pixels"/> pixels across its window.</summary>
    public static ViewStats Of(Network network, Scene scene, int pixels) =>
        new(scene.Layer, SheetAudit.Disagreement(network, scene, pixels), scene.Saturation, NearEdge(scene, pixels), scene.Sheet?.CellCount ?? 0);

    private static double? NearEdge(Scene scene, int pixels)
    {
        if (scene.Points.Count == 0) return null;
        float xMin = float.MaxValue, xMax = float.MinValue, yMin = float.MaxValue, yMax = float.MinValue;
        void Include(System.Numerics.Vector2 p)
        {
            if (!float.IsFinite(p.X) || !float.IsFinite(p.Y)) return;
            xMin = MathF.Min(xMin, p.X);
            xMax = MathF.Max(xMax, p.X);
            yMin = MathF.Min(yMin, p.Y);
            yMax = MathF.Max(yMax, p.Y);
        }
        foreach (var p in scene.Points) Include(p.Position);
        if (scene.Sheet is { } sheet) foreach (var p in sheet.Points) Include(p);
        var pixel = MathF.Max(scene.Window.Width, scene.Window.Height) / pixels;
        var near = scene.Points.Count(p =>
            MathF.Min(MathF.Min(p.Position.X - xMin, xMax - p.Position.X), MathF.Min(p.Position.Y - yMin, yMax - p.Position.Y)) <= 2 * pixel);
        return (double)near / scene.Points.Count;
    }
}
