using System.Numerics.Tensors;

namespace Warpscope.Core.Training.Optimizers;

/// <summary>Plain gradient descent: θ ← θ − η·g.</summary>
public sealed class Sgd(float learningRate) : IOptimizer
{
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient) =>
        TensorPrimitives.MultiplyAdd(gradient, -learningRate, parameters, parameters);
}
