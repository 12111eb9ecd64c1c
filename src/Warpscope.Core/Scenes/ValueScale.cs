using Warpscope.Core.Model;

namespace Warpscope.Core.Scenes;

/// <summary>
/// How a regression view colours a value: a diverging scale from <see cref="Low"/> (orange) through
/// white at <see cref="Mid"/> to <see cref="High"/> (blue), TensorFlow Playground's colours for its
/// regression mode (there fixed at [−1, 1]). The scale is chosen around the data's targets: when they
/// straddle 0 it is symmetric about 0, so the colour's hue tells the sign as in the Playground;
/// otherwise it spans their range, white at its middle. A value v sits at position
/// u = σ(α(v − Mid)) ∈ (0, 1), α set so that the ends of the scale reach u = 0.05 and 0.95; values
/// beyond the ends only saturate further.
/// </summary>
public sealed record ValueScale(float Low, float High)
{
    /// <summary>Where the ends of the scale sit on the sigmoid: 5 % and 95 %.</summary>
    public const float EndPosition = 0.95f;

    public float Mid => 0.5f * (Low + High);

    public float Half => 0.5f * (High - Low);

    /// <summary>α = ln(0.95 / 0.05) / Half: the sigmoid's slope that puts the ends at 5 % and 95 %.</summary>
    public float Sharpness => MathF.Log(EndPosition / (1 - EndPosition)) / Half;

    /// <summary>u = σ(α(v − Mid)): 0.5 at the middle, 0.95 at <see cref="High"/>, 0.05 at <see cref="Low"/>.</summary>
    public float Position(float value) => 1f / (1f + MathF.Exp(-Sharpness * (value - Mid)));

    /// <summary>The scale for these values (the data's targets): symmetric about 0 when they straddle it, else their range; a single value gets ±1 around it.</summary>
    public static ValueScale Around(IEnumerable<float> values)
    {
        float low = float.PositiveInfinity, high = float.NegativeInfinity;
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) continue;
            low = MathF.Min(low, v);
            high = MathF.Max(high, v);
        }
        if (low > high) return new ValueScale(-1, 1);
        if (low < 0 && high > 0)
        {
            var m = MathF.Max(-low, high);
            return new ValueScale(-m, m);
        }
        return high > low ? new ValueScale(low, high) : new ValueScale(low - 1, high + 1);
    }

    /// <summary>
    /// The regression network as a two-class network whose class-0 probability is the position of its
    /// value on this scale: the hidden layers as they are, the output z₀ = α(ŷ − Mid), z₁ = 0, so
    /// softmax gives p₀ = σ(α(ŷ − Mid)) = u. Every view then colours it with the classifier's machinery
    /// (field, refined lattice, carried sheets), class 0 (blue) for high values and class 1 (orange) for low.
    /// </summary>
    public Network ColourNetwork(Network regression)
    {
        var spec = regression.Spec;
        if (!spec.IsRegression) throw new ArgumentException("a regression network is coloured by value", nameof(regression));
        var colour = new NetworkSpec(spec.Hidden, spec.Activations, spec.Features, 2) { Scaling = spec.Scaling };
        var network = new Network(colour, new float[Network.CountParameters(colour)]);
        var output = regression.Layers[^1];
        // Hidden layers share their layout: W then b, layer by layer, up to the output layer.
        regression.Parameters.AsSpan(0, output.WeightOffset).CopyTo(network.Parameters);
        // ŷ = Offset + Scale·(w·h + b), so α(ŷ − Mid) = (α·Scale·w)·h + α(Scale·b + Offset − Mid).
        var alpha = Sharpness;
        var target = spec.Target;
        var w = regression.Weights(output.Index);
        var row = network.Weights(output.Index);
        for (var i = 0; i < w.Length; i++) row[i] = alpha * target.Scale * w[i];
        network.Biases(output.Index)[0] = alpha * (target.Scale * regression.Biases(output.Index)[0] + target.Offset - Mid);
        return network;
    }
}
