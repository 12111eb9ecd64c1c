namespace Warpscope.Core.Representations;

/// <summary>A linear probe on one layer: 0 the input features, k ≥ 1 hidden layer k.</summary>
public sealed record LayerProbe(int Layer, int Units, double Accuracy, double Margin);
