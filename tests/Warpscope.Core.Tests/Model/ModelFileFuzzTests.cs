using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Tests.Datasets;
using Warpscope.Core.Training;
using Warpscope.Tests.Shared;

namespace Warpscope.Core.Tests.Model;

/// <summary>10 000 seeded mutations of a valid model file (issue 13): each is a model or one line naming the file and the problem.</summary>
public class ModelFileFuzzTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public ModelFileFuzzTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    [Fact]
    public void TenThousandMutations_GiveAModelOrOneLine()
    {
        // A model trained on a CSV: every section of the format, the kept points included.
        using var folder = new TempFolder();
        var csv = folder.Write("p.csv", "u,v,k\n0,0,a\n1,0,b\n0,1,b\n1,1,a\n0.5,0.5,a\n0.2,0.8,b\n0.9,0.1,b\n0.4,0.3,a\n");
        var run = new TrainingSession(new TrainingJob(new DatasetSpec(csv, TestFraction: 0, Seed: 2), NetworkSpec.Uniform([3], Activation.Tanh),
            new TrainingConfig(Epochs: 3, MaxNorm: 2)));
        run.Run();
        var path = folder.File("m.json");
        // The same bytes every run: the file's place is fixed, not the temporary folder's random name.
        var model = run.ToModel();
        ModelFile.Save(path, model with { Data = model.Data! with { Source = model.Data.Source with { File = "p.csv", FullPath = "/data/p.csv" } } });
        var valid = File.ReadAllBytes(path);

        var (accepted, refused) = Mutations.Run(valid, 14, bytes =>
        {
            var model = ModelFile.Parse(bytes, "m.json");
            Assert.All(model.Network.Parameters, v => Assert.True(float.IsFinite(v)));
        }, "m.json");
        _output.WriteLine($"model file: 10000 inputs, {accepted} accepted, {refused} refused in one line");
        Assert.True(accepted > 100 && refused > 1000, $"{accepted} accepted, {refused} refused");
    }
}
