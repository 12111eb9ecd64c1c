namespace Warpscope.Core.Model;

/// <summary>How the starting weights are drawn; biases always start at zero.</summary>
public enum Initialization
{
    /// <summary>He for ReLU-like layers, Glorot for the rest.</summary>
    Auto,
    /// <summary>Glorot-uniform: U(±√(6/(in+out))) keeps the variance of tanh layers steady both ways.</summary>
    Glorot,
    /// <summary>He-normal: N(0, 2/in) keeps the variance steady through ReLUs, which zero half their input.</summary>
    He,
}
