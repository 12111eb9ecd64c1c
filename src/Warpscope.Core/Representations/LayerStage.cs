namespace Warpscope.Core.Representations;

/// <summary>
/// Which values of a hidden layer a view shows: its activations a = σ(z), where the output layer's
/// separator is straight, or its pre-activations z (the affine map's result, before σ): inside a
/// saturated tanh layer, whose points a piles against the ±1 box, z spreads them out again
/// (z = atanh a), and the separator is drawn bent by σ. The morph's middle stage is z.
/// </summary>
public enum LayerStage
{
    Activations,
    PreActivations,
}
