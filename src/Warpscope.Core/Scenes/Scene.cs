using System.Numerics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Representations;

namespace Warpscope.Core.Scenes;

/// <summary>
/// A view as pure 2-D geometry, ready for any renderer: everything in one coordinate window
/// (<see cref="Window"/>), 3-D content already projected by a camera (depth kept for painter's
/// order). Drawn in this order: field, regions, cells, grid, boundaries, separators, points.
/// </summary>
public sealed record Scene
{
    public required PlaneRect Window { get; init; }
    public required IReadOnlyList<string> ClassNames { get; init; }
    public string? Title { get; init; }
    public string? Subtitle { get; init; }
    public string? XLabel { get; init; }
    public string? YLabel { get; init; }

    /// <summary>Draw ticks and numbers on the window's edges (true for flat spaces, false for 3-D).</summary>
    public bool Axes { get; init; } = true;

    /// <summary>The decision field as a raster over its lattice (the input view).</summary>
    public DecisionField? Field { get; init; }

    /// <summary>The output layer's class regions in the last hidden space, drawn under the cells.</summary>
    public IReadOnlyList<SceneRegion> Regions { get; init; } = [];

    /// <summary>The decision field carried into a hidden space: small quads of the input lattice.</summary>
    public IReadOnlyList<SceneQuad> Cells { get; init; } = [];

    public CellColouring CellColouring { get; init; } = CellColouring.Prediction;

    public IReadOnlyList<ScenePolyline> Lines { get; init; } = [];

    public IReadOnlyList<ScenePoint> Points { get; init; } = [];
}

/// <summary>A convex polygon filled with a class's colour.</summary>
public sealed record SceneRegion(Vector2[] Polygon, int Class);

/// <summary>A cell of the carried field: corners A, B, C, D in order, its class, how sure the network is, and its depth.</summary>
public readonly record struct SceneQuad(Vector2 A, Vector2 B, Vector2 C, Vector2 D, int Class, float Confidence, float Depth, float Stretch = 1);

/// <summary>What colours the carried cells: the network's prediction, or how much the layer stretches each cell.</summary>
public enum CellColouring
{
    Prediction,
    Stretch,
}

/// <summary>What a line is, which decides how it is drawn.</summary>
public enum LineKind
{
    /// <summary>A line of the warped grid.</summary>
    Grid,
    /// <summary>The network's decision boundary.</summary>
    Boundary,
    /// <summary>The output layer's own straight separator in the last hidden space.</summary>
    Separator,
    /// <summary>An axis of a 3-D space.</summary>
    Axis,
}

public sealed record ScenePolyline(Vector2[] Points, LineKind Kind, float Depth = 0);

/// <summary>A data point: where it is drawn, its class, whether it was held out for testing, and its depth.</summary>
public readonly record struct ScenePoint(Vector2 Position, int Class, bool Test, float Depth = 0, int Index = -1);
