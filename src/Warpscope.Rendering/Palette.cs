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

    private static byte Mix(byte channel, float amount) => (byte)MathF.Round(255 + (channel - 255) * amount);
}
