using System.Numerics;

namespace Warpscope.Core.Representations;

/// <summary>
/// One line of the regular grid of the input rectangle (x = Value if Vertical, else y = Value),
/// sampled at <see cref="Input"/>, and where a layer puts each sample: <see cref="Mapped"/>
/// (one point of the layer's space per input sample).
/// </summary>
public sealed record GridLine(bool Vertical, float Value, Vector2[] Input, PointCloud Mapped);
