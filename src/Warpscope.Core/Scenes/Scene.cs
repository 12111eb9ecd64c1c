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

    /// <summary>The decision field carried into a hidden space: the cells of the input rectangle where the layer puts them.</summary>
    public SceneSheet? Sheet { get; init; }

    /// <summary>
    /// The sheet's colours over the window, for a flat view: in a view of a whole layer, the rest of the
    /// network's field there; in a projected view, each covered sample's prediction at the input point
    /// drawn there (<see cref="SheetBackMap"/>). A raster renderer colours the sheet with it pixel by
    /// pixel (the cells then only say where the sheet is), so every tint is the network's, not
    /// interpolated across a cell.
    /// </summary>
    public DecisionField? SheetField { get; init; }

    /// <summary>
    /// Which samples of <see cref="SheetField"/> the sheet covers, where making the field found out already
    /// (a projected view's back-map); null where it is left to <see cref="SheetAudit.Coverage"/>.
    /// </summary>
    public bool[]? SheetCoverage { get; init; }

    public CellColouring CellColouring { get; init; } = CellColouring.Prediction;

    public IReadOnlyList<ScenePolyline> Lines { get; init; } = [];

    public IReadOnlyList<ScenePoint> Points { get; init; } = [];

    /// <summary>Text placed in the view: the names of a 3-D view's axes at their ends.</summary>
    public IReadOnlyList<SceneLabel> Labels { get; init; } = [];

    /// <summary>The layer shown: 0 = the input plane, k = hidden layer k.</summary>
    public int Layer { get; init; }

    /// <summary>Whether a hidden view shows the layer's activations or its pre-activations.</summary>
    public Representations.LayerStage Stage { get; init; }

    /// <summary>
    /// How saturated the shown layer is: the share of data points with a unit within
    /// <see cref="Representations.Saturation.Margin"/> of its activation's bound (null where the
    /// activation is unbounded, or for the input plane).
    /// </summary>
    public double? Saturation { get; init; }

    /// <summary>
    /// A regression view's colour scale (null for classes): the field and sheet are coloured by the
    /// network's value on it, the points by their targets, and a colour bar replaces the class legend.
    /// </summary>
    public ValueScale? Values { get; init; }

    /// <summary>What the values are (the target's name), the colour bar's title.</summary>
    public string? ValueName { get; init; }
}

/// <summary>A convex polygon filled with a class's colour.</summary>
public sealed record SceneRegion(Vector2[] Polygon, int Class);


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
    /// <summary>
    /// Where the output layer's hyperplane cuts the plane of a projected view: in a wide last layer the
    /// separator itself is not a line of the picture, only its trace on the plane shown.
    /// </summary>
    Trace,
    /// <summary>Where the view's map folds the sheet over itself (the Jacobian's sign changes).</summary>
    Fold,
}

/// <summary>A short text whose centre is drawn at a point of the window.</summary>
public sealed record SceneLabel(Vector2 Position, string Text);

public sealed record ScenePolyline(Vector2[] Points, LineKind Kind, float Depth = 0);

/// <summary>A data point: where it is drawn, its class, whether it was held out for testing, its depth and, for regression, its target value.</summary>
public readonly record struct ScenePoint(Vector2 Position, int Class, bool Test, float Depth = 0, int Index = -1, float Value = float.NaN);
