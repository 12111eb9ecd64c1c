namespace Warpscope.Core.Model;

/// <summary>
/// A function of the input point fed to the first layer (TensorFlow Playground's feature set).
/// The plain network sees only X and Y; the others let a shallow net draw curved boundaries.
/// </summary>
public enum InputFeature
{
    X,
    Y,
    XSquared,
    YSquared,
    XTimesY,
    SinX,
    SinY,
}
