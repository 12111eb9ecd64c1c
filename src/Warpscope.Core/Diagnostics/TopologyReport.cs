namespace Warpscope.Core.Diagnostics;

/// <summary>Every hidden layer's <see cref="LayerTopology"/>, and a warning when the data's shape rules the network out.</summary>
public sealed record TopologyReport(IReadOnlyList<LayerTopology> Layers, Enclosure? Enclosure, string? Warning);
