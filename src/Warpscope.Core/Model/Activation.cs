namespace Warpscope.Core.Model;

/// <summary>The pointwise non-linearity σ applied after a layer's affine map.</summary>
public enum Activation
{
    Tanh,
    Relu,
    /// <summary>max(z, 0.01·z): ReLU with a small slope below zero so no unit dies.</summary>
    LeakyRelu,
    Sigmoid,
    /// <summary>log(1 + eᶻ), a smooth ReLU.</summary>
    Softplus,
    Sine,
    Linear,
}
