namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// What TensorFlow Playground's two regression datasets share: points uniform in [−6, 6]², each
/// with the value of a target function, read at the point moved by noise·U(−6, 6) on each axis
/// (noise moves no point, it blurs the value it carries). Targets lie in [−1, 1]; the one "class name"
/// is the target's, "value".
/// </summary>
internal abstract class RegressionGenerator : IDatasetGenerator
{
    private const double Radius = 6;

    public static IReadOnlyList<string> TargetName { get; } = ["value"];

    public abstract string Name { get; }
    public abstract string Description { get; }
    public PlaneRect Domain => PlaneRect.Square(6);

    public LearningTask Task => LearningTask.Regression;

    public IReadOnlyList<string> ClassNames(DatasetSpec spec)
    {
        CheckTask(spec);
        return TargetName;
    }

    /// <summary>The target at (x, y), noise-free: the recipe.</summary>
    public abstract double Target(double x, double y);

    public LabeledPoints Generate(DatasetSpec spec, Random random)
    {
        CheckTask(spec);
        if (spec.Points < 2 || spec.Points > SpecLimits.MaxPoints)
            throw new UserInputException($"dataset '{Name}': points {spec.Points} is out of range; need 2 to {SpecLimits.MaxPoints}");
        if (!(spec.Noise >= 0 && spec.Noise <= SpecLimits.PlaygroundMaxNoise))
            throw new UserInputException($"dataset '{Name}': noise {spec.Noise} is out of range; need 0 to {SpecLimits.PlaygroundMaxNoise}");
        var x = new float[spec.Points];
        var y = new float[spec.Points];
        var targets = new float[spec.Points];
        for (var i = 0; i < spec.Points; i++)
        {
            // The Playground's order of draws: the point, then the noise's two offsets.
            var px = Sampling.Uniform(random, -Radius, Radius);
            var py = Sampling.Uniform(random, -Radius, Radius);
            var nx = Sampling.Uniform(random, -Radius, Radius) * spec.Noise;
            var ny = Sampling.Uniform(random, -Radius, Radius) * spec.Noise;
            x[i] = (float)px;
            y[i] = (float)py;
            targets[i] = (float)Target(px + nx, py + ny);
        }
        return LabeledPoints.WithTargets(x, y, targets);
    }

    private void CheckTask(DatasetSpec spec)
    {
        if (spec.Task == LearningTask.Classification)
            throw new UserInputException($"--task classification: '{Name}' is a regression dataset (a value per point, not a class)") { Key = "task" };
        if (spec.Classes != 2)
            throw new UserInputException($"dataset '{Name}' is a regression dataset; classes {spec.Classes} applies only to spiral");
    }
}
