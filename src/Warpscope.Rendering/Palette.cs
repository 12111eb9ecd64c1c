using SkiaSharp;

namespace Warpscope.Rendering;

/// <summary>
/// Class colours for every view: the Okabe–Ito set, told apart with the common colour-vision
/// deficiencies, ordered so that two classes are blue and orange (TensorFlow Playground's pair).
/// </summary>
public static class Palette
{
    private static readonly SKColor[] Classes =
    [
        new(0x00, 0x72, 0xB2), // blue
        new(0xE6, 0x9F, 0x00), // orange
        new(0x00, 0x9E, 0x73), // bluish green
        new(0xCC, 0x79, 0xA7), // reddish purple
        new(0xD5, 0x5E, 0x00), // vermillion
        new(0x56, 0xB4, 0xE9), // sky blue
        new(0xF0, 0xE4, 0x42), // yellow
        new(0x33, 0x33, 0x33), // near black
    ];

    public static int Count => Classes.Length;

    public static SKColor Class(int index) => Classes[index % Classes.Length];

    /// <summary>
    /// The field's tint at a point whose winning class has probability p among k classes: white at
    /// a tie (p = 1/k), up to 45 % of the class colour when the network is sure, so points stay legible.
    /// </summary>
    public static SKColor Tint(int @class, float p, int classes)
    {
        var sure = Math.Clamp((p - 1f / classes) / (1f - 1f / classes), 0f, 1f);
        var a = 0.45f * MathF.Sqrt(sure);
        var c = Class(@class);
        return new SKColor(Mix(c.Red, a), Mix(c.Green, a), Mix(c.Blue, a));
    }

    /// <summary>Tints for probabilities quantised to 1/255: [class][level], so a field pixel costs one lookup.</summary>
    public static SKColor[][] TintTable(int classes) =>
        [.. Enumerable.Range(0, classes).Select(c => Enumerable.Range(0, 256).Select(level => Tint(c, level / 255f, classes)).ToArray())];

    /// <summary>
    /// A value at position u ∈ [0, 1] of a regression view's scale (<c>ValueScale.Position</c>): orange
    /// (class 1's colour) at 0, white at ½, blue (class 0's) at 1, the colour's share the square root of
    /// the distance from ½ (as <see cref="Tint"/>, so that small values still show a hue), and a point's
    /// fill reads against the colour bar. u is quantised to 1/64 so that point sprites come in few colours.
    /// </summary>
    public static SKColor Value(float u)
    {
        var s = MathF.Round(Math.Clamp(2 * u - 1, -1f, 1f) * 32) / 32;
        if (float.IsNaN(s)) s = 0;
        var c = s >= 0 ? Class(0) : Class(1);
        var a = MathF.Sqrt(MathF.Abs(s));
        return new SKColor(Mix(c.Red, a), Mix(c.Green, a), Mix(c.Blue, a));
    }

    /// <summary>The field's tint at position u of a regression view's scale: the two-class tint of the winning end (see <see cref="Tint"/>).</summary>
    public static SKColor ValueTint(float u) => u >= 0.5f ? Tint(0, u, 2) : Tint(1, 1 - u, 2);

    /// <summary>
    /// A cell whose area the layer multiplies by <paramref name="stretch"/>: white when kept, purple
    /// when shrunk, green when stretched (ColorBrewer PRGn, colour-blind safe), saturating at 16× either way.
    /// </summary>
    public static SKColor Stretch(float stretch)
    {
        var t = Math.Clamp(MathF.Log2(MathF.Max(stretch, 1e-30f)) / 4f, -1f, 1f);
        var end = t < 0 ? new SKColor(0x76, 0x2A, 0x83) : new SKColor(0x1B, 0x78, 0x37);
        var a = 0.75f * MathF.Abs(t);
        return new SKColor(Mix(end.Red, a), Mix(end.Green, a), Mix(end.Blue, a));
    }

    private static byte Mix(byte channel, float amount) => (byte)MathF.Round(255 + (channel - 255) * amount);
}
