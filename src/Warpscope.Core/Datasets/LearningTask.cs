namespace Warpscope.Core.Datasets;

/// <summary>
/// What a network learns from the points: a class per point (softmax output, cross-entropy), or a
/// number per point (one linear output, mean squared error), as TensorFlow Playground's two problem types.
/// </summary>
public enum LearningTask
{
    Classification,
    Regression,
}
