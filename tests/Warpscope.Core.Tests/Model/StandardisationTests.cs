using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Numerics;
using Warpscope.Core.Scenes;
using Warpscope.Core.Tests.Datasets;
using Warpscope.Core.Training;

namespace Warpscope.Core.Tests.Model;

public class StandardisationTests
{
    /// <summary>Two moons drawn around (1000, 2000), 2 units to the radius: coordinates 1000 ± 5 and 2000 ± 3.</summary>
    private static string FarMoonsCsv(int points, int seed)
    {
        var moons = DatasetFactory.Create(new DatasetSpec("moons", points, 0.1, 0, seed));
        var text = new System.Text.StringBuilder("kind,east,north\n");
        for (var i = 0; i < moons.Train.Count; i++)
        {
            text.Append(moons.ClassNames[moons.Train.Labels[i]]).Append(',')
                .Append((1000 + 2 * moons.Train.X[i]).ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(',')
                .Append((2000 + 2 * moons.Train.Y[i]).ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }
        return text.ToString();
    }

    [Fact]
    public void Standardising_IsTheMeanAndPopulationStandardDeviation_AndAConstantKeepsScaleOne()
    {
        var points = new LabeledPoints([998f, 1000f, 1002f], [5f, 5f, 5f], [0, 1, 0]);

        var scaling = InputScaling.Standardising(points);

        Assert.Equal(new InputScaling(1000f, 5f, (float)Math.Sqrt(8.0 / 3), 1f), scaling);
    }

    [Fact]
    public void StandardisedNetwork_IsTheSameNetworkFedStandardisedPoints_BitForBit()
    {
        var scaling = new InputScaling(1000f, -40f, 2.5f, 0.75f);
        var plain = Network.Create(NetworkSpec.Uniform([8, 8], Activation.Tanh, 3), seed: 5);
        var scaled = new Network(plain.Spec with { Scaling = scaling }, (float[])plain.Parameters.Clone());
        var random = new Random(9);
        var x = new float[1000];
        var y = new float[1000];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = 990 + 20 * random.NextSingle();
            y[i] = -43 + 6 * random.NextSingle();
        }
        var u = x.Select(scaling.ApplyX).ToArray();
        var v = y.Select(scaling.ApplyY).ToArray();

        var ours = new float[3 * x.Length];
        var theirs = new float[3 * x.Length];
        new ForwardPass(scaled).Predict(x, y, ours);
        new ForwardPass(plain).Predict(u, v, theirs);

        Assert.Equal(theirs, ours);
        var theta = scaled.Parameters.Select(p => (double)p).ToArray();
        for (var i = 0; i < x.Length; i += 97)
        {
            var reference = ReferenceMlp.Forward(scaled.Layers, scaled.Spec.Features, theta, x[i], y[i], scaling).A[^1];
            for (var c = 0; c < 3; c++) Assert.InRange(Math.Abs(reference[c] - ours[c * x.Length + i]), 0, 1e-5);
        }
    }

    [Fact]
    public void FarAwayCsv_TrainsToHighAccuracyStandardised_AndNotWithout_AndIsDrawnInItsOwnUnits()
    {
        using var folder = new TempFolder();
        var path = folder.Write("far.csv", FarMoonsCsv(400, seed: 3));
        var spec = new DatasetSpec(path, TestFraction: 0.25, Seed: 2) { Columns = new CsvColumns("east", "north", "kind") };
        var dataset = DatasetFactory.Create(spec);
        var shape = NetworkSpec.Uniform([16, 16], Activation.Tanh);
        var config = new TrainingConfig(Epochs: 150, Seed: 2);

        var standardised = new TrainingSession(new TrainingJob(spec, shape with { Scaling = InputScaling.Standardising(dataset.Train) }, config, Seed: 2), dataset);
        var raw = new TrainingSession(new TrainingJob(spec, shape, config, Seed: 2), dataset);
        standardised.Run();
        raw.Run();

        Assert.InRange(standardised.TestFigures.Accuracy, 0.97, 1.0);
        Assert.InRange(raw.TestFigures.Accuracy, 0, 0.75);
        var scene = ModelView.Of(standardised).Input();
        Assert.Equal(("east", "north"), (scene.XLabel, scene.YLabel));
        Assert.InRange(scene.Window.XMin, 995f, 999f);
        Assert.InRange(scene.Window.XMax, 1001f, 1005f);
        Assert.InRange(scene.Window.YMin, 1994f, 2000f);
    }

    [Fact]
    public void StandardisedModel_SavesAsVersion2AndLoadsBitForBit_APlainOneStaysVersion1()
    {
        var spec = NetworkSpec.Uniform([4], Activation.Relu) with { Scaling = new InputScaling(1000.125f, -3.5f, 4.75f, 0.1f) };
        var model = new TrainedModel(Network.Create(spec, seed: 1), ["a", "b"]);
        var plain = new TrainedModel(Network.Create(NetworkSpec.Uniform([4], Activation.Relu), seed: 1), ["a", "b"]);
        using var stream = new MemoryStream();
        using var plainStream = new MemoryStream();

        ModelFile.Write(stream, model);
        ModelFile.Write(plainStream, plain);
        var back = ModelFile.Parse(stream.ToArray(), "m.json");

        Assert.Contains("\"version\": 2", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Contains("\"version\": 1", System.Text.Encoding.UTF8.GetString(plainStream.ToArray()));
        Assert.DoesNotContain("standardise", System.Text.Encoding.UTF8.GetString(plainStream.ToArray()));
        Assert.Equal(spec.Scaling, back.Network.Spec.Scaling);
        Assert.Equal(model.Network.Parameters, back.Network.Parameters);
    }

    [Fact]
    public void NonPositiveScale_IsRefusedNamingTheField()
    {
        var model = new TrainedModel(Network.Create(NetworkSpec.Uniform([], Activation.Tanh) with { Scaling = new InputScaling(0, 0, 1, 2) }, seed: 1), ["a", "b"]);
        using var stream = new MemoryStream();
        ModelFile.Write(stream, model);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\"scale\": [\n      1,\n      2\n    ]", "\"scale\": [1, 0]");

        var e = Assert.Throws<UserInputException>(() => ModelFile.Parse(System.Text.Encoding.UTF8.GetBytes(text), "m.json"));

        Assert.Equal("m.json: $.standardise.scale[1]: 0 is not a positive scale", e.Message);
    }
}
