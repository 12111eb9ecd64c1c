using System.CommandLine;
using Warpscope.Core;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Onnx;
using Warpscope.Core.Training;

namespace Warpscope.Cli.Options;

/// <summary>Every option that describes a training run (data, network, training, --init), and the job they make.</summary>
internal sealed class JobOptions
{
    public DatasetOptions Data { get; } = new();
    public NetworkOptions Network { get; } = new();
    public TrainingOptions Training { get; } = new();

    public Option<string?> Init { get; } = new("--init") { Description = "Start from this model file's weights (.json or .onnx) instead of random ones" };

    public Option<bool> NoStandardise { get; } = new("--no-standardise")
    {
        Description = "CSV data: feed the network the coordinates (and learn a regression target) as they are, not standardised by the training points' mean and standard deviation",
    };

    public void AddTo(Command command)
    {
        Data.AddTo(command);
        Network.AddTo(command);
        Training.AddTo(command);
        command.Options.Add(Init);
        command.Options.Add(NoStandardise);
    }

    /// <summary>The job and its dataset (made once: the network's output width depends on its classes).</summary>
    public (TrainingJob Job, Dataset Dataset) Build(ParseResult parse)
    {
        var config = Training.ToConfig(parse);
        var datasetSpec = Data.ToSpec(parse, config.Seed);
        var start = parse.GetValue(Init) is { } path ? ModelFiles.Load(path) : null;
        var dataset = DatasetFactory.Create(datasetSpec);
        NetworkSpec spec;
        if (start is not null)
        {
            spec = start.Network.Spec;
            if (spec.InputDimensions != dataset.Dimensions)
                throw new UserInputException($"--init: the model takes {spec.InputDimensions}-D points, the data is {dataset.Dimensions}-D") { Key = "init" };
            if (spec.Task != dataset.Task)
                throw new UserInputException($"--init: the model is a {spec.Task.ToString().ToLowerInvariant()} network, the data is for {dataset.Task.ToString().ToLowerInvariant()}") { Key = "init" };
            if (Network.AnyGiven(parse) && !(Network.ToSpec(parse, dataset.ClassCount, dataset.Task, dataset.Dimensions) with { Scaling = spec.Scaling, Target = spec.Target }).Equals(spec))
                throw new UserInputException($"--init: the model is {spec}, which --layers/--activation/--features contradict");
        }
        else
        {
            spec = Network.ToSpec(parse, dataset.ClassCount, dataset.Task, dataset.Dimensions);
            // A file's coordinates can sit anywhere (1000 ± 5, say): standardised, they reach the first layer near 0 ± 1.
            // A regression target too: learnt as 0 ± 1, read out in its own units (TargetScaling).
            // A started model keeps the scaling its weights were learnt under.
            if (dataset.Source is not null && !parse.GetValue(NoStandardise))
            {
                spec = spec with { Scaling = InputScaling.Standardising(dataset.Train) };
                if (dataset.Train.Targets is { } targets) spec = spec with { Target = TargetScaling.Standardising(targets) };
            }
        }
        return (new TrainingJob(datasetSpec, spec, config, config.Seed, Network.ToInitialization(parse), start), dataset);
    }
}
