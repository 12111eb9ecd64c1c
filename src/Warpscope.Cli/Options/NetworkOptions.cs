using System.CommandLine;
using System.Globalization;
using Warpscope.Core;
using Warpscope.Core.Model;

namespace Warpscope.Cli.Options;

/// <summary>--layers, --activation, --features, --init-scheme: the shape of a network.</summary>
internal sealed class NetworkOptions
{
    public Option<string> Layers { get; } = new("--layers")
    {
        Description = "Hidden layer widths, e.g. 16,16,16; \"\" or none for the linear model",
        DefaultValueFactory = _ => "16,16,16",
    };

    public Option<string> Activation { get; } = new("--activation")
    {
        Description = $"One activation for every hidden layer, or one per layer ({string.Join(", ", ActivationNames.All)})",
        DefaultValueFactory = _ => "tanh",
    };

    public Option<string> Features { get; } = new("--features")
    {
        Description = $"Input features fed to the first layer ({string.Join(", ", InputFeatureNames.All)})",
        DefaultValueFactory = _ => "x,y",
    };

    public Option<string> InitScheme { get; } = new("--init-scheme")
    {
        Description = "Initial weights: auto (He for ReLU layers, Glorot otherwise), glorot or he",
        DefaultValueFactory = _ => "auto",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Layers);
        command.Options.Add(Activation);
        command.Options.Add(Features);
        command.Options.Add(InitScheme);
    }

    /// <summary>True when the user typed any option of the network's shape.</summary>
    public bool AnyGiven(ParseResult parse) =>
        new Option[] { Layers, Activation, Features }.Any(o => parse.GetResult(o) is { Implicit: false });

    public NetworkSpec ToSpec(ParseResult parse, int classes)
    {
        var hidden = ParseLayers(parse.GetRequiredValue(Layers));
        var names = Split(parse.GetRequiredValue(Activation));
        if (names.Length == 0) throw new UserInputException("--activation: no activation given");
        var activations = names.Select(n => ActivationNames.Parse(n, "--activation")).ToArray();
        if (activations.Length != 1 && activations.Length != hidden.Length)
            throw new UserInputException($"--activation: {activations.Length} activations for {hidden.Length} hidden layers (give one, or one per layer)");
        var features = Split(parse.GetRequiredValue(Features)).Select(n => InputFeatureNames.Parse(n, "--features")).ToArray();
        if (features.Length == 0) throw new UserInputException("--features: no feature given");
        if (features.Distinct().Count() != features.Length) throw new UserInputException("--features: a feature is listed twice");
        return new NetworkSpec(hidden, [.. hidden.Select((_, k) => activations.Length == 1 ? activations[0] : activations[k])], features, classes);
    }

    public Initialization ToInitialization(ParseResult parse)
    {
        var text = parse.GetRequiredValue(InitScheme);
        return Enum.TryParse<Initialization>(text, ignoreCase: true, out var init) && Enum.IsDefined(init)
            ? init
            : throw new UserInputException($"--init-scheme: unknown scheme '{text}' (choose auto, glorot, he)");
    }

    public static int[] ParseLayers(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || string.Equals(trimmed, "none", StringComparison.OrdinalIgnoreCase)) return [];
        var parts = Split(trimmed);
        var widths = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]) || widths[i] < 1 || widths[i] > NetworkSpec.MaxUnits)
                throw new UserInputException($"--layers: '{parts[i]}' in '{text}' is not a layer width (a whole number from 1 to {NetworkSpec.MaxUnits})");
        }
        if (widths.Length > NetworkSpec.MaxLayers) throw new UserInputException($"--layers: {widths.Length} layers (at most {NetworkSpec.MaxLayers})");
        return widths;
    }

    private static string[] Split(string text) =>
        text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
