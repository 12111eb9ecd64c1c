using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;
using Warpscope.Rendering;

namespace Warpscope.Rendering.Tests;

/// <summary>
/// The README's C# example (section "From C#") is this test's code, line for line: the test checks the
/// two are the same text (the test's <c>Out("…")</c> writes into a temporary folder where the README
/// says "…"), then runs it and checks what it wrote.
/// </summary>
public sealed partial class ReadmeExampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warpscope-readme-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Out(string name) => Path.Combine(_folder, name);

    [Fact]
    public void TheReadmeExample_IsThisCode_AndDrawsWhatItSays()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("### From C#", StringComparison.Ordinal)..];
        var example = CSharpBlock().Match(section).Groups[1].Value;
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Warpscope.Rendering.Tests", "ReadmeExampleTests.cs"));
        var region = source[(source.LastIndexOf("// README begins", StringComparison.Ordinal) + "// README begins".Length)..source.LastIndexOf("// README ends", StringComparison.Ordinal)];
        Assert.Equal(Lines(example), Lines(OutCall().Replace(region, "\"$1\"")));

        double accuracy;
        {
            // README begins
            var session = new TrainingSession(new TrainingJob(new DatasetSpec("spiral", 1000, 0.1),
                NetworkSpec.Uniform([16, 16, 2], Activation.Tanh), new TrainingConfig(OptimizerKind.Adam, 0.01, 32, 300)));
            session.Run();                                                 // 300 epochs, seed 1: the same weights every time
            var view = ModelView.Of(session);                              // the network and its data
            using var renderer = new SceneRenderer();
            renderer.Save(Out("layers.png"), [view.Input(), view.Layer(3)], 1024, 512);     // side by side
            var morph = view.Morph(new ViewOptions { Layer = 3 });         // the input plane bending into layer 3
            AnimationExport.Write(Out("morph.gif"), 512, 512, 30, 60, i => [morph.Frame(i, 60)]);
            Console.WriteLine($"train accuracy {view.TrainEvaluation().Accuracy:P1}");
            // README ends
            accuracy = view.TrainEvaluation().Accuracy;
        }

        Assert.InRange(accuracy, 0.95, 1.0);
        var png = File.ReadAllBytes(Out("layers.png"));
        Assert.Equal((1024u, 512u), (BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20))));
        var gif = File.ReadAllBytes(Out("morph.gif"));
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString(gif, 0, 6));
        Assert.Equal((512, 512), ((int)BinaryPrimitives.ReadUInt16LittleEndian(gif.AsSpan(6)), (int)BinaryPrimitives.ReadUInt16LittleEndian(gif.AsSpan(8))));
        // One graphic control block per stored frame: 60 frames, fewer if identical frames were merged, never more.
        var frames = 0;
        for (var i = 0; i + 2 < gif.Length; i++)
            if (gif[i] == 0x21 && gif[i + 1] == 0xF9 && gif[i + 2] == 0x04) frames++;
        Assert.InRange(frames, 30, 60);
    }

    private static string[] Lines(string code) =>
        [.. code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && Directory.Exists(Path.Combine(dir.FullName, "tests"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (README.md) is not above the test's folder");
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex("Out\\(\"([^\"]*)\"\\)")]
    private static partial Regex OutCall();
}
