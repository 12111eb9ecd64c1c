using System.Text;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Tests.Model;

public class ModelFileTests
{
    private static TrainedModel Sample()
    {
        var spec = new NetworkSpec([5, 3], [Activation.Tanh, Activation.LeakyRelu], [InputFeature.X, InputFeature.Y, InputFeature.SinX], 3);
        var network = Network.Create(spec, seed: 4);
        // Awkward floats: subnormal, tiny, huge, negative zero all survive exactly.
        network.Parameters[0] = 1.17549435E-38f / 3;
        network.Parameters[1] = -0f;
        network.Parameters[2] = 3.4e37f;
        network.Parameters[3] = 0.1f;
        return new TrainedModel(network, ["red", "green", "blue"], new DatasetSpec("spiral", 300, 0.2, 0.25, 9, 3),
            new TrainingConfig(OptimizerKind.Momentum, 0.05, 16, 40, null, 0.001, 0.01, 0.8, false, 9, MaxNorm: 2.5), 9, Initialization.Glorot,
            new ModelMetrics(0.9, 0.85, 0.3, 40, 800));
    }

    [Fact]
    public void SaveThenLoad_GivesIdenticalParametersAndProvenance()
    {
        var model = Sample();
        var path = Path.Combine(Path.GetTempPath(), $"warpscope-{Guid.NewGuid():N}.json");
        try
        {
            ModelFile.Save(path, model);
            var loaded = ModelFile.Load(path);
            Assert.Equal(model.Network.Spec, loaded.Network.Spec);
            Assert.Equal(
                model.Network.Parameters.Select(BitConverter.SingleToInt32Bits),
                loaded.Network.Parameters.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(model.ClassNames, loaded.ClassNames);
            Assert.Equal(model.Dataset, loaded.Dataset);
            Assert.Equal(model.Training, loaded.Training);
            Assert.Equal(model.Seed, loaded.Seed);
            Assert.Equal(Initialization.Glorot, loaded.Initialization);
            Assert.Equal(model.Metrics, loaded.Metrics);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Save_WritesLayersAsOutByIn()
    {
        var model = Sample();
        var text = Encoding.UTF8.GetString(ToBytes(model));
        Assert.Contains("\"format\": \"warpscope-model\"", text);
        Assert.Contains("\"activation\": \"leaky-relu\"", text);
        Assert.Contains("\"activation\": \"softmax\"", text);
        var loaded = ModelFile.Parse(ToBytes(model), "m.json");
        Assert.Equal(model.Network.Weight(1, 2, 4), loaded.Network.Weight(1, 2, 4));
    }

    public static TheoryData<string, string, string> BadEdits() => new()
    {
        { "\"activation\": \"leaky-relu\"", "\"activation\": \"swish\"", "m.json: $.layers[1].activation: unknown activation 'swish'" },
        { "\"units\": 3,\n      \"activation\": \"softmax\"", "\"units\": 4,\n      \"activation\": \"softmax\"", "m.json: $.layers[2].units: the output layer has 4 units but there are 3 classes" },
        { "\"inputs\": 3,\n      \"units\": 5", "\"inputs\": 2,\n      \"units\": 5", "m.json: $.layers[0].inputs: expected 3 (the number of features), found 2" },
        { "\"format\": \"warpscope-model\"", "\"format\": \"other\"", "m.json: $.format: expected \"warpscope-model\"" },
        { "\"version\": 1", "\"version\": 7", "m.json: $.version: version 7 is not supported" },
        { "\"sinx\"", "\"cosx\"", "m.json: $.features[2]: unknown input feature 'cosx'" },
        { "\"optimizer\": \"momentum\"", "\"optimizer\": \"lbfgs\"", "m.json: $.training.optimizer: unknown optimizer 'lbfgs'" },
        { "\"learningRate\": 0.05", "\"learningRate\": -0.05", "m.json: $.training: learning rate must be a positive number" },
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public void Load_OfAnInconsistentFile_NamesTheField(string find, string replace, string expected)
    {
        var text = Encoding.UTF8.GetString(ToBytes(Sample()));
        Assert.Contains(find, text);
        var bad = text.Replace(find, replace, StringComparison.Ordinal);
        var error = Assert.Throws<UserInputException>(() => ModelFile.Parse(Encoding.UTF8.GetBytes(bad), "m.json"));
        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void Load_OfAShortWeightRow_NamesTheRow()
    {
        var text = Encoding.UTF8.GetString(ToBytes(Sample()));
        var model = Sample();
        var first = model.Network.Weights(0)[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var bad = text.Replace($"[\n          {first},", "[\n", StringComparison.Ordinal);
        Assert.NotEqual(text, bad);
        var error = Assert.Throws<UserInputException>(() => ModelFile.Parse(Encoding.UTF8.GetBytes(bad), "m.json"));
        Assert.Equal("m.json: $.layers[0].weights[0]: expected 3 numbers, found 2", error.Message);
    }

    [Fact]
    public void Load_OfNaN_FailsWithTheLineAndTheField()
    {
        var text = Encoding.UTF8.GetString(ToBytes(Sample()));
        var notJson = text.Replace("\"biases\": [\n        0,", "\"biases\": [\n        NaN,", StringComparison.Ordinal);
        Assert.NotEqual(text, notJson);
        var error = Assert.Throws<UserInputException>(() => ModelFile.Parse(Encoding.UTF8.GetBytes(notJson), "m.json"));
        Assert.Matches(@"^m\.json:\d+: not valid JSON", error.Message);

        var asString = text.Replace("\"biases\": [\n        0,", "\"biases\": [\n        \"NaN\",", StringComparison.Ordinal);
        error = Assert.Throws<UserInputException>(() => ModelFile.Parse(Encoding.UTF8.GetBytes(asString), "m.json"));
        Assert.Equal("m.json: $.layers[0].biases[0]: expected a number, found the string \"NaN\"", error.Message);

        var huge = text.Replace("\"biases\": [\n        0,", "\"biases\": [\n        1e39,", StringComparison.Ordinal);
        error = Assert.Throws<UserInputException>(() => ModelFile.Parse(Encoding.UTF8.GetBytes(huge), "m.json"));
        Assert.Equal("m.json: $.layers[0].biases[0]: 1e39 is not a finite float", error.Message);
    }

    [Fact]
    public void Load_OfAMissingFile_SaysSo()
    {
        var error = Assert.Throws<UserInputException>(() => ModelFile.Load("/nonexistent/model.json"));
        Assert.Equal("/nonexistent/model.json: file not found", error.Message);
    }

    private static byte[] ToBytes(TrainedModel model)
    {
        using var stream = new MemoryStream();
        ModelFile.Write(stream, model);
        return stream.ToArray();
    }
}
