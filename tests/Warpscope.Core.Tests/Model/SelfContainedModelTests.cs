using System.Text;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Tests.Datasets;
using Warpscope.Core.Training;

namespace Warpscope.Core.Tests.Model;

/// <summary>A model trained on a CSV draws the same anywhere (issue 13, item 6): it keeps its points, or finds its file by hash.</summary>
public class SelfContainedModelTests
{
    private static string Csv(int rows)
    {
        var text = new StringBuilder("width,height,kind\n");
        var random = new Random(5);
        for (var i = 0; i < rows; i++)
        {
            var r = 2 * random.NextDouble();
            var t = 2 * Math.PI * random.NextDouble();
            text.Append(FormattableString.Invariant($"{10 + r * Math.Cos(t):F3},{-5 + r * Math.Sin(t):F3},{(r < 1 ? "in" : "out")}\n"));
        }
        return text.ToString();
    }

    private static TrainedModel Train(string csv, int epochs = 5)
    {
        var run = new TrainingSession(new TrainingJob(new DatasetSpec(csv, TestFraction: 0.25, Seed: 3), NetworkSpec.Uniform([4], Activation.Tanh), new TrainingConfig(Epochs: epochs)));
        run.Run();
        return run.ToModel();
    }

    [Fact]
    public void ASmallCsv_IsKeptInTheModel_WhichDrawsTheSameWithoutIt()
    {
        using var trainedIn = new TempFolder();
        using var movedTo = new TempFolder();
        var csv = trainedIn.Write("points.csv", Csv(400));
        var model = Train(csv);
        var original = DatasetFactory.Create(model.Dataset!);
        var path = movedTo.File("model.json");
        ModelFile.Save(path, model);
        File.Delete(csv);

        var loaded = ModelFile.Load(path);
        Assert.True(loaded.Data!.Embedded);
        Assert.Equal(64, loaded.Data.Source.Sha256.Length);
        Assert.Equal("points.csv", Path.GetFileName(loaded.Data.Source.File));
        var again = loaded.RecreateDataset(out var problem, path);
        Assert.Null(problem);
        Assert.Equal(Geometry.Bits(original.Train.X), Geometry.Bits(again!.Train.X));
        Assert.Equal(original.Train.Labels, again.Train.Labels);
        Assert.Equal(Geometry.Bits(original.Test.Y), Geometry.Bits(again.Test.Y));
        Assert.Equal(original.Domain, again.Domain);
        Assert.Equal(["width", "height"], again.AxisNames);
        Assert.Equal(original.Domain, loaded.InputDomain(null));
        // The generator's fields mean nothing for a file and are not written.
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var dataset = json.RootElement.GetProperty("dataset");
        Assert.False(dataset.TryGetProperty("noise", out _));
        Assert.False(dataset.TryGetProperty("points", out _));
        Assert.False(dataset.TryGetProperty("classes", out _));
    }

    [Fact]
    public void ALargeCsv_IsFoundBesideTheModelByItsHash_AndAChangedOrMissingOneIsNamed()
    {
        using var trainedIn = new TempFolder();
        using var movedTo = new TempFolder();
        var text = Csv(ModelData.MaxEmbeddedPoints + 1);
        var csv = trainedIn.Write("big.csv", text);
        var model = Train(csv, epochs: 1);
        var path = movedTo.File("model.json");
        ModelFile.Save(path, model);
        Assert.False(ModelFile.Load(path).Data!.Embedded);
        Assert.True(new FileInfo(path).Length < 100_000, "the points are not in the file");

        // Moved beside the model: found, and the same points come back.
        File.Move(csv, movedTo.File("big.csv"));
        var found = ModelFile.Load(path).RecreateDataset(out var problem, path);
        Assert.Null(problem);
        Assert.Equal(ModelData.MaxEmbeddedPoints + 1, found!.Train.Count + found.Test.Count);

        // Edited: refused, naming the file.
        File.WriteAllText(movedTo.File("big.csv"), text.Replace("in\n", "out\n"));
        Assert.Null(ModelFile.Load(path).RecreateDataset(out problem, path));
        Assert.Contains("has changed since the model was trained on it", problem);

        // Gone: says which file and where it looked.
        File.Delete(movedTo.File("big.csv"));
        Assert.Null(ModelFile.Load(path).RecreateDataset(out problem, path));
        Assert.Contains("big.csv", problem);
        Assert.Contains("neither beside the model", problem);
    }
}
