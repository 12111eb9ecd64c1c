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

        // A lone escaped surrogate is valid JSON but no string: quoted as written, not a crash.
        var surrogate = text.Replace("\"biases\": [\n        0,", "\"biases\": [\n        \"\\ud800\",", StringComparison.Ordinal);
        error = Assert.Throws<UserInputException>(() => ModelFile.Parse(Encoding.UTF8.GetBytes(surrogate), "m.json"));
        Assert.Equal("m.json: $.layers[0].biases[0]: expected a number, found the string \"\\ud800\"", error.Message);
    }

    /// <summary>
    /// The bytes of a model with every section, as the format has always written them (key order, float digits,
    /// nulls for figures not measured, optional fields left out): files written before and after read the same.
    /// </summary>
    [Fact]
    public void Write_OfARegressionModelWithData_GivesTheFormatsBytes()
    {
        var spec = new NetworkSpec([], [], NetworkSpec.PlainFeatures, 1, LearningTask.Regression) { Scaling = new InputScaling(0.5f, -1, 2, 0.25f), Target = new TargetScaling(0.1f, 3) };
        var points = LabeledPoints.WithTargets([0.25f], [-1], [7.1f]);
        var model = new TrainedModel(new Network(spec, [0.1f, -2.5e-8f, 1e30f]), ["price"],
            new DatasetSpec("house.csv", Seed: 4) { Columns = new CsvColumns(Label: "price"), Task = LearningTask.Regression },
            new TrainingConfig(OptimizerKind.Sgd, 0.3, 8, 2, 5, MaxNorm: 1), 7, Initialization.He,
            new ModelMetrics(double.NaN, double.NaN, 0.5, 2, 5) { TestLoss = double.NaN, TrainRSquared = 0.75, TestRSquared = -0.125 })
        {
            Data = new ModelData(new DataSource("house.csv", "/data/house.csv", 42, "00ff"), new PlaneRect(0, 1, -2, 2), ["size", "age"], points, points)
            {
                TestSource = new DataSource("t.csv", "/data/t.csv", 9, "ab"),
            },
        };

        Assert.Equal("""
        {
          "format": "warpscope-model",
          "version": 3,
          "task": "regression",
          "features": [
            "x",
            "y"
          ],
          "standardise": {
            "mean": [
              0.5,
              -1
            ],
            "scale": [
              2,
              0.25
            ]
          },
          "standardiseTarget": {
            "mean": 0.1,
            "scale": 3
          },
          "classes": [
            "price"
          ],
          "layers": [
            {
              "inputs": 2,
              "units": 1,
              "activation": "linear",
              "weights": [
                [
                  0.1,
                  -2.5E-08
                ]
              ],
              "biases": [
                1E+30
              ]
            }
          ],
          "seed": 7,
          "initialization": "he",
          "dataset": {
            "name": "house.csv",
            "testFraction": 0.5,
            "seed": 4,
            "columns": {
              "label": "price"
            },
            "task": "regression"
          },
          "data": {
            "file": "house.csv",
            "fullPath": "/data/house.csv",
            "bytes": 42,
            "sha256": "00ff",
            "testData": {
              "file": "t.csv",
              "fullPath": "/data/t.csv",
              "bytes": 9,
              "sha256": "ab"
            },
            "domain": [
              0,
              1,
              -2,
              2
            ],
            "axes": [
              "size",
              "age"
            ],
            "train": {
              "x": [
                0.25
              ],
              "y": [
                -1
              ],
              "targets": [
                7.1
              ]
            },
            "test": {
              "x": [
                0.25
              ],
              "y": [
                -1
              ],
              "targets": [
                7.1
              ]
            }
          },
          "training": {
            "optimizer": "sgd",
            "learningRate": 0.3,
            "batchSize": 8,
            "epochs": 2,
            "steps": 5,
            "l1": 0,
            "l2": 0,
            "maxNorm": 1,
            "momentum": 0.9,
            "shuffle": true,
            "seed": 1
          },
          "metrics": {
            "loss": 0.5,
            "testLoss": null,
            "trainR2": 0.75,
            "testR2": -0.125,
            "epochs": 2,
            "steps": 5
          }
        }
        """ + "\n", Encoding.UTF8.GetString(ToBytes(model)));
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
