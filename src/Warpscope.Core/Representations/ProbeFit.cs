namespace Warpscope.Core.Representations;

/// <summary>What a <see cref="LinearProbe"/> found: its accuracy and its margin (median signed distance to its boundary over the cloud's RMS radius).</summary>
public sealed record ProbeFit(double Accuracy, double Margin);
