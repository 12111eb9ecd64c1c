namespace Warpscope.Core.Model;

/// <summary>
/// A regression network's fixed last stage: its single output z becomes ŷ = Offset + Scale·z in the
/// target's own units. Learnt from the training targets (their mean and standard deviation) when the
/// inputs are standardised, so a target that sits around 250 000 ± 80 000 is learnt as 0 ± 1, where
/// Glorot's initial weights and Adam's step size are of the right size; every prediction, view and
/// export still reads in the data's units. Training minimises the mean squared error of z against the
/// standardised targets, which is the data-units MSE divided by Scale².
/// </summary>
public sealed record TargetScaling(float Offset, float Scale)
{
    public static TargetScaling Identity { get; } = new(0, 1);

    public bool IsIdentity => this == Identity;

    /// <summary>The mean and population standard deviation of the targets, summed in double; targets that do not vary keep scale 1.</summary>
    public static TargetScaling Standardising(ReadOnlySpan<float> targets)
    {
        if (targets.IsEmpty) return Identity;
        var (mean, scale) = InputScaling.MeanAndScale(targets);
        return new TargetScaling(mean, scale);
    }

    /// <summary>ŷ = Offset + Scale·z, in float as the kernels and an exported ONNX graph's Mul and Add compute it.</summary>
    public float Apply(float z) => z * Scale + Offset;

    /// <summary>The target in the network's units: (t − Offset) / Scale.</summary>
    public float Standardise(float target) => (target - Offset) / Scale;
}
