namespace Warpscope.Core.Model;

/// <summary>The spelling of input features in files and on the command line ("x", "x2", "xy", "sinx").</summary>
public static class InputFeatureNames
{
    private static readonly (InputFeature Feature, string Name)[] Table =
    [
        (InputFeature.X, "x"),
        (InputFeature.Y, "y"),
        (InputFeature.XSquared, "x2"),
        (InputFeature.YSquared, "y2"),
        (InputFeature.XTimesY, "xy"),
        (InputFeature.SinX, "sinx"),
        (InputFeature.SinY, "siny"),
        (InputFeature.Z, "z"),
    ];

    public static IEnumerable<string> All => Table.Select(t => t.Name);

    public static string ToName(this InputFeature feature) => Table.First(t => t.Feature == feature).Name;

    public static bool TryParse(string text, out InputFeature feature)
    {
        var key = text.Trim().Replace("^", "", StringComparison.Ordinal).Replace("²", "2", StringComparison.Ordinal)
            .Replace("*", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        key = key.Replace("sin(x)", "sinx", StringComparison.OrdinalIgnoreCase).Replace("sin(y)", "siny", StringComparison.OrdinalIgnoreCase);
        foreach (var (f, name) in Table)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                feature = f;
                return true;
            }
        }
        feature = default;
        return false;
    }

    public static InputFeature Parse(string text, string what) =>
        TryParse(text, out var f)
            ? f
            : throw new UserInputException($"{what}: unknown input feature '{text}' (choose {string.Join(", ", All)})");
}
