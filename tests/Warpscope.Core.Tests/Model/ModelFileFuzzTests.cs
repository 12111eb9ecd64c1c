using System.Diagnostics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
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
        var run = new TrainingRun(new TrainingJob(new DatasetSpec(csv, TestFraction: 0, Seed: 2), NetworkSpec.Uniform([3], Activation.Tanh),
            new TrainingConfig(Epochs: 3, MaxNorm: 2)));
        run.Run();
        var path = folder.File("m.json");
        ModelFile.Save(path, run.ToModel());
        var valid = File.ReadAllBytes(path);

        var random = new Random(14);
        int accepted = 0, refused = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var bytes = Mutations.Mutate(valid, random);
            var clock = Stopwatch.StartNew();
            try
            {
                var model = ModelFile.Parse(bytes, "m.json");
                Assert.All(model.Network.Parameters, v => Assert.True(float.IsFinite(v)));
                accepted++;
            }
            catch (UserInputException e)
            {
                Assert.StartsWith("m.json", e.Message);
                Assert.DoesNotContain('\n', e.Message);
                refused++;
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"input {i} took {clock.Elapsed}");
        }
        _output.WriteLine($"model file: 10000 inputs, {accepted} accepted, {refused} refused in one line");
        Assert.True(accepted > 100 && refused > 1000, $"{accepted} accepted, {refused} refused");
    }
}
