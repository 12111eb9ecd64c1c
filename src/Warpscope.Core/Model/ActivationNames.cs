namespace Warpscope.Core.Model;

/// <summary>The spelling of activations in files and on the command line ("tanh", "leaky-relu", …).</summary>
public static class ActivationNames
{
    private static readonly (Activation Activation, string Name)[] Table =
    [
        (Activation.Tanh, "tanh"),
        (Activation.Relu, "relu"),
        (Activation.LeakyRelu, "leaky-relu"),
        (Activation.Sigmoid, "sigmoid"),
        (Activation.Softplus, "softplus"),
        (Activation.Sine, "sine"),
        (Activation.Linear, "linear"),
    ];

    public static IEnumerable<string> All => Table.Select(t => t.Name);

    public static string ToName(this Activation activation) => Table.First(t => t.Activation == activation).Name;

    public static bool TryParse(string text, out Activation activation)
    {
        var key = text.Trim().Replace('_', '-');
        foreach (var (a, name) in Table)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase)
                || (a == Activation.LeakyRelu && string.Equals(key, "leakyrelu", StringComparison.OrdinalIgnoreCase))
                || (a == Activation.Sine && string.Equals(key, "sin", StringComparison.OrdinalIgnoreCase)))
            {
                activation = a;
                return true;
            }
        }
        activation = default;
        return false;
    }

    public static Activation Parse(string text, string what) =>
        TryParse(text, out var a)
            ? a
            : throw new UserInputException($"{what}: unknown activation '{text}' (choose {string.Join(", ", All)})");
}
