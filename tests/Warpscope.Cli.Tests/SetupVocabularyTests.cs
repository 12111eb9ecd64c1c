using Warpscope.Core;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Web;

namespace Warpscope.Cli.Tests;

/// <summary>
/// Issue 15: the command line and the playground's URL read a setup's words the same way (one vocabulary
/// in Core): the same text gives the same network, or the same refusal naming the input.
/// </summary>
public class SetupVocabularyTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "--layers", "layers", "8,4" },
        { "--layers", "layers", "none" },
        { "--layers", "layers", "8,x" },
        { "--layers", "layers", "0" },
        { "--layers", "layers", "8 4" },
        { "--activation", "act", "relu" },
        { "--activation", "act", "swish" },
        { "--activation", "act", "relu,tanh,sine" },
        { "--features", "features", "x,y,xy" },
        { "--features", "features", "x,x" },
        { "--features", "features", "x,zz" },
        { "--optimizer", "opt", "momentum" },
        { "--optimizer", "opt", "lbfgs" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheSameText_GivesTheSameNetwork_OrTheSameRefusal(string option, string key, string text)
    {
        var model = CliRunner.TempPath($"vocabulary-{Guid.NewGuid():N}.json");
        // Two layers by default on both sides, so a per-layer activation list means the same thing.
        string[] args = option == "--layers" ? ["train", "--points", "40", "--epochs", "1", "--out", model, option, text]
            : ["train", "--points", "40", "--epochs", "1", "--out", model, "--layers", "8,4", option, text];
        var query = option == "--layers" ? $"points=40&{key}={text}" : $"points=40&layers=8,4&{key}={text}";
        var cli = CliRunner.Run(args);
        UserInputException? refused = null;
        PlaygroundState? state = null;
        try
        {
            state = PlaygroundState.Parse(query, new WebLimits { MaxUnits = NetworkSpec.MaxUnits, MaxLayers = NetworkSpec.MaxLayers });
        }
        catch (UserInputException e)
        {
            refused = e;
        }
        if (cli.ExitCode != 0)
        {
            Assert.NotNull(refused);
            Assert.Equal(key, refused.Key);
            // The same message, under each front end's name for the input.
            Assert.Equal($"warpscope: {refused.Message.Replace($"{key}: ", $"{option}: ", StringComparison.Ordinal)}", cli.Error.Trim());
            return;
        }
        Assert.Null(refused);
        var trained = ModelFile.Load(model);
        File.Delete(model);
        var spec = trained.Network.Spec;
        Assert.Equal(spec.Hidden, state!.Setup.Hidden);
        Assert.Equal(spec.Activations, state.Setup.Activations);
        Assert.Equal(spec.Features, state.Setup.Features);
        if (option == "--optimizer") Assert.Equal(trained.Training!.Optimizer, state.Setup.Training.Optimizer);
    }
}
