using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Warpscope.Cli.Options;
using Warpscope.Cli.Output;
using Warpscope.Core;
using Warpscope.Core.Datasets;
using Warpscope.Core.IO;
using Warpscope.Core.Model;
using Warpscope.Core.Predictions;
using Warpscope.Onnx;

namespace Warpscope.Cli.Commands;

/// <summary>
/// <c>warpscope predict</c>: a model's class probabilities and predicted class (or a layer's activations)
/// for every point of a CSV file, streamed, as CSV.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("model") { Description = "A model file: .json (warpscope train) or .onnx" };
        var data = new Option<string>("--data") { Description = "The points: CSV whose first two columns are x and y, or the model's columns, or --x, --y (other columns are copied through)", Required = true };
        var x = new Option<string?>("--x") { Description = "The column of x, a header name or a 0-based index (default: the model's, else the first)" };
        var y = new Option<string?>("--y") { Description = "The column of y, a header name or a 0-based index (default: the model's, else the second)" };
        var layer = new Option<int?>("--layer") { Description = "Write hidden layer K's activations (from 1; 0: the input features) instead of the class probabilities" };
        var output = new Option<string?>("--out", "-o") { Description = "The CSV to write (default: standard output)" };
        var command = new Command("predict", "Write a model's class probabilities and predicted class, or a layer's activations, for the points of a CSV file") { model };
        var z = new Option<string?>("--z") { Description = "The column of z for a model of 3-D inputs, a header name or a 0-based index (default: the model's, else the third)" };
        foreach (var option in new Option[] { data, x, y, z, layer, output }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output);
            if (path is not null) PendingFile.Check(path, out _);
            var trained = ModelFiles.Load(parse.GetRequiredValue(model));
            var dataPath = parse.GetRequiredValue(data);
            var k = parse.GetValue(layer);
            if (k is { } chosen && (chosen < 0 || chosen >= trained.Network.Layers.Count))
            {
                var hidden = trained.Network.Layers.Count - 1;
                throw new UserInputException(hidden == 0
                    ? $"--layer {chosen}: the network has no hidden layer (the linear model); only --layer 0, the input features"
                    : $"--layer {chosen}: choose a hidden layer from 1 to {hidden} (0: the input features)");
            }
            // A model trained on a CSV knows its columns: the same file predicts as it trained.
            var kept = trained.Dataset?.Columns ?? CsvColumns.Default;
            var columns = new CsvColumns(parse.GetValue(x) ?? kept.X, parse.GetValue(y) ?? kept.Y) { Z = parse.GetValue(z) ?? kept.Z };
            using var input = OpenData(dataPath);
            var clock = Stopwatch.StartNew();
            long rows;
            if (path is not null)
            {
                rows = 0;
                AtomicFile.Write(path, stream =>
                {
                    using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                    rows = PredictionCsv.Write(trained.Network, trained.ClassNames, input, dataPath, writer, k, columns);
                });
            }
            else if (ReferenceEquals(console.Out, Console.Out))
            {
                // Console.Out flushes on every write: a buffered writer of its own makes a million rows take seconds, not minutes.
                using var writer = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
                rows = PredictionCsv.Write(trained.Network, trained.ClassNames, input, dataPath, writer, k, columns);
            }
            else
            {
                rows = PredictionCsv.Write(trained.Network, trained.ClassNames, input, dataPath, console.Out, k, columns);
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var note = string.Create(CultureInfo.InvariantCulture,
                $"predicted {rows:N0} rows in {seconds:F2} s ({rows / Math.Max(seconds, 1e-9):N0} rows/s){(path is null ? "" : $", wrote {path}")}");
            // The note goes where the CSV does not.
            (path is null ? console.Error : console.Out).WriteLine(note);
            return WarpscopeApp.Ok;
        });
        return command;
    }

    private static FileStream OpenData(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserInputException($"--data: {path}: file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--data: {path}: cannot read ({e.Message})");
        }
    }
}
