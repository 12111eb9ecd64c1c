using Warpscope.Core.Representations;

namespace Warpscope.Core.Scenes;

/// <summary>
/// What a view shows: the input plane (Layer 0) or hidden layer k; how a wide layer is projected
/// (PCA, or chosen units); the camera of a 3-D view; the grid; the field's resolution and the
/// carried field's cells; which data points.
/// </summary>
public sealed record ViewOptions
{
    /// <summary>0 = the input plane; k ≥ 1 = hidden layer k.</summary>
    public int Layer { get; init; }

    /// <summary>For layers wider than 3 (or to pick): units to show; null = all units when ≤ 3, else PCA.</summary>
    public IReadOnlyList<int>? Units { get; init; }

    /// <summary>A hidden layer's activations σ(z), or its pre-activations z (inside a saturated layer).</summary>
    public LayerStage Stage { get; init; } = LayerStage.Activations;

    /// <summary>Principal components for a wide layer: 2 or 3.</summary>
    public int PcaComponents { get; init; } = 2;

    public float Yaw { get; init; } = 30;
    public float Pitch { get; init; } = 20;
    public bool Perspective { get; init; } = true;

    public GridOptions Grid { get; init; } = new();
    public bool ShowGrid { get; init; } = true;

    /// <summary>Lattice of the input view's field, per side (the renderer passes its plot size).</summary>
    public int FieldResolution { get; init; } = 256;

    /// <summary>
    /// Evaluate the network at every field sample. By default (false) it is evaluated on every 4th
    /// sample of every 4th row and refined to every sample only where the class changes
    /// (<see cref="DecisionField.ComputeRefined"/>), about seven times fewer evaluations for the same picture.
    /// </summary>
    public bool ExactField { get; init; }

    /// <summary>Cells per side of the field carried into a hidden space (0 = none).</summary>
    public int CarriedCells { get; init; } = 64;

    /// <summary>Colour the carried cells by prediction, or by the local stretch of the map.</summary>
    public CellColouring CellColouring { get; init; } = CellColouring.Prediction;

    public bool ShowTrain { get; init; } = true;
    public bool ShowTest { get; init; } = true;

    public string? Title { get; init; }
}
