using System.Numerics;

namespace Warpscope.Core.Representations;

/// <summary>
/// How finely <see cref="CarriedField.Build"/> cuts the carried field for one view: where the view
/// puts a point of the layer's space (<see cref="ToWindow"/>, in window units) and how large a pixel
/// is there. Sizes below are in pixels.
/// </summary>
public sealed record SheetRefinement(Func<PointCloud, Vector2[]> ToWindow, float Pixel)
{
    /// <summary>A cell no larger than this on screen is never cut.</summary>
    public float MinPixels { get; init; } = 2;

    /// <summary>A border cell whose centre's image is farther than this from the mean of its corners' images is cut.</summary>
    public float Tolerance { get; init; } = 0.5f;

    /// <summary>Any cell whose centre's image is farther than this share of its size from the mean of its corners' images is cut.</summary>
    public float Bend { get; init; } = 0.2f;

    /// <summary>
    /// Cut cells whose vertices disagree in class. A view that colours such cells exactly another way
    /// (the last hidden layer, shown whole, clips them at the output layer's separators) turns it off.
    /// </summary>
    public bool CutMixed { get; init; } = true;

    /// <summary>
    /// About how many pixels the input rectangle spans where the input plane is drawn too (a morph's
    /// first frame): a mixed cell larger than <see cref="MinPixels"/> there is cut as well. 0: only the view counts.
    /// </summary>
    public int InputPixels { get; init; }

    /// <summary>Cuts per base cell at most: 8 cuts make a 64-cell side 16 384 cells fine.</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>No more cuts once this many vertices exist (bounds the time on pathological maps).</summary>
    public int MaxVertices { get; init; } = 400_000;
}
