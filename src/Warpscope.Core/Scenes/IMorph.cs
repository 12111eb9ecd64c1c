namespace Warpscope.Core.Scenes;

/// <summary>
/// Olah's continuous passage from the input space to the last hidden layer as scenes for any
/// t ∈ [0, <see cref="Layers"/>]: <see cref="MorphSequence"/> for a network of the plane,
/// <see cref="VolumeMorph"/> for one of 3-D inputs. <see cref="MorphExtensions.Frame"/> spreads frames evenly.
/// </summary>
public interface IMorph
{
    /// <summary>t runs from 0 (the input) to this (the last hidden layer).</summary>
    int Layers { get; }

    /// <summary>The scene at time t: the input's view at 0, the last hidden layer's view at <see cref="Layers"/>.</summary>
    Scene At(double t);
}
