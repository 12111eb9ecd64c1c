using System.Numerics.Tensors;

namespace Warpscope.Core.Training.Optimizers;

/// <summary>Heavy-ball momentum as PyTorch's SGD(momentum=μ): v ← μ·v + g, θ ← θ − η·v.</summary>
public sealed class Momentum(int parameterCount, float learningRate, float momentum = 0.9f) : IOptimizer
{
    private readonly float[] _velocity = new float[parameterCount];

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        TensorPrimitives.MultiplyAdd(_velocity, momentum, gradient, _velocity);
        TensorPrimitives.MultiplyAdd(_velocity, -learningRate, parameters, parameters);
    }
}
