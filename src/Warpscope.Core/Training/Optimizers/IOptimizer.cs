namespace Warpscope.Core.Training.Optimizers;

/// <summary>Updates parameters in place from their gradient; keeps whatever state it needs per parameter.</summary>
public interface IOptimizer
{
    void Step(Span<float> parameters, ReadOnlySpan<float> gradient);
}
