namespace Warpscope.Core.Numerics;

/// <summary>Mean cross-entropy and the share of points whose most probable class is their label.</summary>
public readonly record struct Evaluation(double Loss, double Accuracy, int Count)
{
    public static Evaluation Empty => new(double.NaN, double.NaN, 0);
}
