using Warpscope.Core.Representations;

namespace Warpscope.Web;

/// <summary>The bounds every request and message is held to.</summary>
public sealed record WebLimits
{
    /// <summary>The largest |x| or |y| of a point a page may add or put in its URL: the rule every way in keeps.</summary>
    public const double MaxCoordinate = Core.Datasets.DataLimits.MaxCoordinate;

    public int MaxPoints { get; init; } = 10_000;
    public int MaxLayers { get; init; } = 16;
    public int MaxUnits { get; init; } = 64;
    public int MaxPointsPerMessage { get; init; } = 1000;
    public int MaxMessageBytes { get; init; } = 1 << 20;
    public int MaxSessions { get; init; } = 8;
    public int MaxEpochsPerFrame { get; init; } = 100;

    /// <summary>Samples per side of the input view's field in a live frame.</summary>
    public int FieldResolution { get; init; } = 128;

    /// <summary>Cells per side of the field carried into a hidden layer in a live frame.</summary>
    public int CarriedCells { get; init; } = 32;

    /// <summary>The warped grid of a live frame: refined less finely than an export's (a page draws 30+ a second).</summary>
    public GridOptions Grid { get; init; } = new(Samples: 48, RefineRounds: 3, MaxTurnDegrees: 10, MaxSegmentFraction: 0.02, MaxSamplesPerLine: 256);

    /// <summary>Samples per side of each unit's thumbnail in the network diagram, and the units shown per layer (the first ones).</summary>
    public int DiagramSide { get; init; } = 20;
    public int DiagramUnits { get; init; } = 16;

    /// <summary>Pixels per side of an exported view; frames of an exported animation.</summary>
    public int ExportSize { get; init; } = 640;
    public int ExportFrames { get; init; } = 60;
}
