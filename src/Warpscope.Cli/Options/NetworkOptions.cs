using System.CommandLine;
using System.Globalization;
using Warpscope.Core;
using Warpscope.Core.Model;
using Warpscope.Core.Sessions;

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
        Description = $"Input features fed to the first layer ({string.Join(", ", InputFeatureNames.All)}); z reads 3-D data's third coordinate",
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

    /// <summary>
    /// The network for data of <paramref name="classes"/> classes, or for regression one linear output. 3-D
    /// data (<paramref name="dimensions"/> = 3) is fed x, y and z unless --features says otherwise.
    /// </summary>
    public NetworkSpec ToSpec(ParseResult parse, int classes, Core.Datasets.LearningTask task = Core.Datasets.LearningTask.Classification, int dimensions = 2)
    {
        var hidden = ParseLayers(parse.GetRequiredValue(Layers));
        var activations = SetupVocabulary.Activations(parse.GetRequiredValue(Activation), hidden.Length, "--activation");
        var features = dimensions == 3 && parse.GetResult(Features) is null or { Implicit: true }
            ? NetworkSpec.SpaceFeatures
            : SetupVocabulary.Features(parse.GetRequiredValue(Features), "--features");
        if (dimensions == 2 && features.Contains(InputFeature.Z))
            throw new UserInputException("--features: z is the third coordinate of 3-D data; this data is of the plane (x, y)") { Key = "features" };
        return new NetworkSpec(hidden, activations, features, classes, task);
    }

    public Initialization ToInitialization(ParseResult parse)
    {
        var text = parse.GetRequiredValue(InitScheme);
        return Enum.TryParse<Initialization>(text, ignoreCase: true, out var init) && Enum.IsDefined(init)
            ? init
            : throw new UserInputException($"--init-scheme: unknown scheme '{text}' (choose auto, glorot, he)");
    }

    public static int[] ParseLayers(string text) => SetupVocabulary.Layers(text, "--layers");
}
