namespace Warpscope.Core.Representations;

/// <summary>How the warped grid is drawn: lines per axis, samples per line before refinement, and refinement limits.</summary>
public sealed record GridOptions(
    int LinesPerAxis = 21,
    int Samples = 64,
    int RefineRounds = 4,
    double MaxTurnDegrees = 6,
    double MaxSegmentFraction = 0.01,
    int MaxSamplesPerLine = 1024);
