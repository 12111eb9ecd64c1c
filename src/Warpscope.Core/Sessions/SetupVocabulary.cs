using System.Globalization;
using Warpscope.Core.Model;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Sessions;

/// <summary>
/// The words a setup is written in, read once for every front end (issue 15): hidden layers, their
/// activations, input features, the optimizer, a projection, cell colouring and the layer stage. The
/// command line's options and the playground's URL both read them here, with the same rules and
/// messages; only the name of the input differs (<c>--layers</c> there, <c>layers</c> here), and each
/// refusal names it (and carries it as <see cref="UserInputException.Key"/>, without dashes).
/// </summary>
public static class SetupVocabulary
{
    /// <summary>Hidden layer widths: "16,16,2" (commas or spaces), or "", "none" for the linear model.</summary>
    public static int[] Layers(string text, string key, int maxLayers = NetworkSpec.MaxLayers, int maxUnits = NetworkSpec.MaxUnits)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || string.Equals(trimmed, "none", StringComparison.OrdinalIgnoreCase)) return [];
        var parts = Split(trimmed);
        var widths = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]) || widths[i] < 1 || widths[i] > maxUnits)
                throw Bad(key, $"'{parts[i]}' in '{text}' is not a layer width (a whole number from 1 to {maxUnits})");
        }
        if (widths.Length > maxLayers) throw Bad(key, $"{widths.Length} layers (at most {maxLayers})");
        return widths;
    }

    /// <summary>Whole numbers from 1 to <paramref name="max"/>, as a list ("2,3,4,8"), a range ("1..4") or both ("1..3,8"); sorted, each once.</summary>
    public static int[] Counts(string text, string key, int max)
    {
        var values = new SortedSet<int>();
        var parts = Split(text);
        if (parts.Length == 0) throw Bad(key, "give at least one number (e.g. 1..4 or 2,3,8)");
        foreach (var part in parts)
        {
            var range = part.Split("..");
            if (range.Length > 2) throw Bad(key, $"'{part}' is not a number or a range a..b");
            var from = Count(range[0], text, key, max);
            var to = range.Length == 2 ? Count(range[1], text, key, max) : from;
            if (to < from) throw Bad(key, $"the range '{part}' runs backwards");
            for (var v = from; v <= to; v++) values.Add(v);
        }
        return [.. values];
    }

    private static int Count(string part, string text, string key, int max) =>
        int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1 && v <= max
            ? v
            : throw Bad(key, $"'{part}' in '{text}' is not a whole number from 1 to {max}");

    /// <summary>One activation for every hidden layer, or one per layer: each layer's.</summary>
    public static Activation[] Activations(string text, int layers, string key)
    {
        var names = Split(text);
        if (names.Length == 0) throw Bad(key, "no activation given");
        var activations = new Activation[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            if (!ActivationNames.TryParse(names[i], out activations[i]))
                throw Bad(key, $"unknown activation '{names[i]}' (choose {string.Join(", ", ActivationNames.All)})");
        }
        if (activations.Length != 1 && activations.Length != layers)
            throw Bad(key, $"{activations.Length} activations for {layers} hidden layers (give one, or one per layer)");
        return activations.Length == 1 ? [.. Enumerable.Repeat(activations[0], layers)] : activations;
    }

    /// <summary>Input features, at least one, none twice.</summary>
    public static InputFeature[] Features(string text, string key)
    {
        var names = Split(text);
        if (names.Length == 0) throw Bad(key, "no feature given");
        var features = new InputFeature[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            if (!InputFeatureNames.TryParse(names[i], out features[i]))
                throw Bad(key, $"unknown input feature '{names[i]}' (choose {string.Join(", ", InputFeatureNames.All)})");
        }
        if (features.Distinct().Count() != features.Length) throw Bad(key, "a feature is listed twice");
        return features;
    }

    public static OptimizerKind Optimizer(string text, string key)
    {
        foreach (var kind in Enum.GetValues<OptimizerKind>())
            if (string.Equals(kind.ToName(), text.Trim(), StringComparison.OrdinalIgnoreCase)) return kind;
        throw Bad(key, $"unknown optimizer '{text}' (choose {string.Join(", ", OptimizerFactory.Names)})");
    }

    /// <summary>
    /// How a wide layer is shown: "pca" (or "pca2", "auto": 2 principal components), "pca3", or
    /// "units:I,J[,K]" (1 to 3 different units, numbered from 0). Whether the units exist depends on the
    /// layer, which the caller checks.
    /// </summary>
    public static (IReadOnlyList<int>? Units, int Components) Projection(string text, string key)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t is "pca" or "pca2" or "auto") return (null, 2);
        if (t == "pca3") return (null, 3);
        if (t.StartsWith("units:", StringComparison.Ordinal))
        {
            var parts = Split(t[6..]);
            var units = new int[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out units[i]))
                    throw Bad(key, $"'{parts[i]}' in '{text}' is not a unit number");
            }
            if (units.Length is < 1 or > 3) throw Bad(key, $"choose 1 to 3 units, not {units.Length}");
            if (units.Distinct().Count() != units.Length) throw Bad(key, $"a unit is listed twice in '{text}'");
            return (units, 2);
        }
        throw Bad(key, $"'{text}' is not pca, pca3 or units:I,J[,K]");
    }

    public static CellColouring Colouring(string text, string key) => text.Trim().ToLowerInvariant() switch
    {
        "prediction" => CellColouring.Prediction,
        "stretch" => CellColouring.Stretch,
        var other => throw Bad(key, $"'{other}' is not prediction or stretch"),
    };

    /// <summary>A hidden layer's activations σ(z) ("post") or its pre-activations z ("pre").</summary>
    public static LayerStage Stage(string text, string key) => text.Trim().ToLowerInvariant() switch
    {
        "post" or "activations" or "a" => LayerStage.Activations,
        "pre" or "pre-activations" or "z" => LayerStage.PreActivations,
        var other => throw Bad(key, $"'{other}' is not post (activations) or pre (pre-activations z)"),
    };

    private static UserInputException Bad(string key, string problem) => new($"{key}: {problem}") { Key = key.TrimStart('-') };

    private static string[] Split(string text) =>
        text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
