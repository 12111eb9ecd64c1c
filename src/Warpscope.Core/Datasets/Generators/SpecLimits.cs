namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// The ranges a generator accepts for a spec's points, noise and classes. Each generator states its
/// own limits and checks them before drawing, so a bad spec fails the same way however it arrives.
/// </summary>
internal sealed record SpecLimits(string Dataset, double MaxNoise, int MaxClasses = 2)
{
    public const int MaxPoints = 100_000;

    /// <summary>The Playground's noise slider runs from 0 to 50 %; its four datasets keep that range.</summary>
    public const double PlaygroundMaxNoise = 0.5;

    /// <summary>Throws a <see cref="UserInputException"/> naming the first field out of range.</summary>
    public void Check(DatasetSpec spec)
    {
        CheckClasses(spec);
        var minPoints = 2 * spec.Classes;
        if (spec.Points < minPoints || spec.Points > MaxPoints)
            throw new UserInputException(
                $"dataset '{Dataset}': points {spec.Points} is out of range; need {minPoints} to {MaxPoints} (at least 2 per class)");
        if (!(spec.Noise >= 0 && spec.Noise <= MaxNoise))
            throw new UserInputException($"dataset '{Dataset}': noise {spec.Noise} is out of range; need 0 to {MaxNoise}");
    }

    public void CheckClasses(DatasetSpec spec)
    {
        if (MaxClasses == 2 && spec.Classes != 2)
            throw new UserInputException($"dataset '{Dataset}' has 2 classes; classes {spec.Classes} applies only to spiral");
        if (spec.Classes < 2 || spec.Classes > MaxClasses)
            throw new UserInputException($"dataset '{Dataset}': classes {spec.Classes} is out of range; need 2 to {MaxClasses}");
    }
}
