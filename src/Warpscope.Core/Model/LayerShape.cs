namespace Warpscope.Core.Model;

/// <summary>
/// Where one affine layer lives in the flat parameter vector: W: [Outputs][Inputs] from
/// <see cref="WeightOffset"/>, then b: [Outputs] from <see cref="BiasOffset"/>. The output layer's
/// activation is <see cref="Activation.Linear"/>: softmax belongs to the loss.
/// </summary>
public readonly record struct LayerShape(int Index, int Inputs, int Outputs, Activation Activation, int WeightOffset, bool IsOutput)
{
    public int BiasOffset => WeightOffset + Inputs * Outputs;
    public int ParameterCount => Inputs * Outputs + Outputs;
}
