namespace Warpscope.Core.Model;

/// <summary>
/// A function of the input point fed to the first layer (TensorFlow Playground's feature set).
/// The plain network sees only X and Y (and Z, for 3-D data); the others let a shallow net draw curved boundaries.
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
    /// <summary>The third coordinate of 3-D data (listed last so the 2-D features keep their numbers).</summary>
    Z,
}
