using Warpscope.Core.Datasets;

namespace Warpscope.Core.Model;

/// <summary>
/// The shape of a multilayer perceptron: input features, hidden layer widths with one activation
/// each, and the number of classes of the softmax output, or, for regression, one linear output unit
/// (<see cref="Classes"/> = 1). No hidden layers is the linear model (multinomial logistic regression,
/// or linear regression).
/// </summary>
public sealed record NetworkSpec
{
    public const int MaxLayers = 64;
    public const int MaxUnits = 4096;
    public const int MaxClasses = 8;

    /// <param name="classes">Classes of a classifier (2 to <see cref="MaxClasses"/>); 1 for regression.</param>
    public NetworkSpec(IReadOnlyList<int> hidden, IReadOnlyList<Activation> activations, IReadOnlyList<InputFeature> features, int classes, LearningTask task = LearningTask.Classification)
    {
        if (hidden.Count != activations.Count)
            throw new UserInputException($"layers: {hidden.Count} hidden layers but {activations.Count} activations");
        if (hidden.Count > MaxLayers)
            throw new UserInputException($"layers: {hidden.Count} hidden layers (at most {MaxLayers})");
        for (var k = 0; k < hidden.Count; k++)
        {
            if (hidden[k] < 1 || hidden[k] > MaxUnits)
                throw new UserInputException($"layers: hidden layer {k + 1} has {hidden[k]} units (1 to {MaxUnits})");
        }
        if (features.Count == 0)
            throw new UserInputException("features: at least one input feature is needed");
        if (features.Distinct().Count() != features.Count)
            throw new UserInputException("features: a feature is listed twice");
        if (task == LearningTask.Regression && classes != 1)
            throw new UserInputException($"classes: a regression network has 1 output, not {classes}");
        if (task == LearningTask.Classification && (classes < 2 || classes > MaxClasses))
            throw new UserInputException($"classes: {classes} classes (2 to {MaxClasses})");
        Task = task;
        Hidden = [.. hidden];
        Activations = [.. activations];
        Features = [.. features];
        Classes = classes;
    }

    public IReadOnlyList<int> Hidden { get; }
    public IReadOnlyList<Activation> Activations { get; }
    public IReadOnlyList<InputFeature> Features { get; }
    public int Classes { get; }

    /// <summary>Classification (softmax over <see cref="Classes"/> outputs, cross-entropy) or regression (one linear output, mean squared error).</summary>
    public LearningTask Task { get; }

    public bool IsRegression => Task == LearningTask.Regression;

    /// <summary>A regression network's last, fixed stage: its output z becomes the value Offset + Scale·z in the target's units.</summary>
    public TargetScaling Target { get; init; } = TargetScaling.Identity;

    /// <summary>What the point goes through before the features are taken of it: the identity, or a standardisation learnt from the training rows.</summary>
    public InputScaling Scaling { get; init; } = InputScaling.Identity;

    public static IReadOnlyList<InputFeature> PlainFeatures { get; } = [InputFeature.X, InputFeature.Y];

    /// <summary>The plain input of 3-D data: x, y and z.</summary>
    public static IReadOnlyList<InputFeature> SpaceFeatures { get; } = [InputFeature.X, InputFeature.Y, InputFeature.Z];

    /// <summary>The input points' dimensions: 3 when a feature reads z, else 2 (the plane).</summary>
    public int InputDimensions => Features.Contains(InputFeature.Z) ? 3 : 2;

    /// <summary>Hidden layers that all share one activation, fed the plain (x, y) input.</summary>
    public static NetworkSpec Uniform(IReadOnlyList<int> hidden, Activation activation, int classes = 2) =>
        new(hidden, [.. hidden.Select(_ => activation)], PlainFeatures, classes);

    /// <summary>Widths of every layer from the input features to the output: [F, h1, …, K].</summary>
    public IReadOnlyList<int> Sizes => [Features.Count, .. Hidden, Classes];

    public bool Equals(NetworkSpec? other) =>
        other is not null
        && Classes == other.Classes
        && Hidden.SequenceEqual(other.Hidden)
        && Activations.SequenceEqual(other.Activations)
        && Features.SequenceEqual(other.Features)
        && Scaling == other.Scaling
        && Task == other.Task
        && Target == other.Target;

    public override int GetHashCode() => HashCode.Combine(Classes, Hidden.Count, Features.Count);

    public override string ToString() =>
        Hidden.Count == 0
            ? $"{string.Join('-', Sizes)} (linear model)"
            : $"{string.Join('-', Sizes)} ({string.Join(',', Activations.Select(a => a.ToName()))})";
}
