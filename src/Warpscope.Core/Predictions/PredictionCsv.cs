using System.Globalization;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;

namespace Warpscope.Core.Predictions;

/// <summary>
/// Runs a network over the points of a CSV file as it streams past, <see cref="BlockRows"/> rows at a time,
/// so a file of any length runs in the same memory. Each output row is the input row as written, then each
/// class's probability and the predicted class's name; or, for a layer, that layer's activations. The points
/// are the columns <see cref="CsvColumns"/> picks, by default the first two, or three for a network of 3-D
/// inputs (any others, a label say, ride along). Rows are read as <see cref="CsvDataset"/>
/// reads them (UTF-8, a BOM, CRLF, a header recognised when x or y is not a number) and every bad row fails
/// with file:line.
/// </summary>
public static class PredictionCsv
{
    /// <summary>Rows run through the network at once: large enough for the kernels, small enough to stay in cache.</summary>
    public const int BlockRows = 4096;

    /// <param name="layer">Null: the class probabilities and the predicted class; 0: the input features; k: hidden layer k's activations.</param>
    /// <returns>The number of data rows written.</returns>
    public static long Write(Network network, IReadOnlyList<string> classNames, Stream input, string source, TextWriter output, int? layer = null, CsvColumns? columns = null)
    {
        columns ??= CsvColumns.Default;
        var threeD = network.Spec.InputDimensions == 3;
        if (!threeD && columns.Z is not null)
            throw new UserInputException($"--z {columns.Z}: the model takes points of the plane (x, y), not 3 inputs") { Key = "z" };
        // A network of 3-D inputs reads z from the third column unless told otherwise.
        if (threeD && columns.Z is null) columns = columns with { Z = "2" };
        if (layer is { } k) LayerMaps.CheckLayer(network, k);
        var width = layer is { } l ? LayerMaps.Width(network, l) : network.ClassCount;
        var pass = new ForwardPass(network);
        var lines = new string[BlockRows];
        var x = new float[BlockRows];
        var y = new float[BlockRows];
        var z = threeD ? new float[BlockRows] : [];
        var values = new float[width * BlockRows];
        var count = 0;
        long rows = 0;
        CsvColumns.Resolved? at = null;

        void Flush()
        {
            if (count == 0) return;
            var v = values.AsSpan(0, width * count);
            var depth = threeD ? z.AsSpan(0, count) : default;
            if (layer is { } k) pass.Map(x.AsSpan(0, count), y.AsSpan(0, count), k, v, z: depth);
            else if (threeD) pass.Predict(x.AsSpan(0, count), y.AsSpan(0, count), depth, v);
            else pass.Predict(x.AsSpan(0, count), y.AsSpan(0, count), v);
            for (var i = 0; i < count; i++)
            {
                output.Write(lines[i]);
                var best = 0;
                for (var c = 0; c < width; c++)
                {
                    var value = v[c * count + i];
                    if (value > v[best * count + i]) best = c;
                    output.Write(',');
                    output.Write(value.ToString("R", CultureInfo.InvariantCulture));
                }
                if (layer is null && !network.Spec.IsRegression)
                {
                    output.Write(',');
                    output.Write(CsvDataset.Quoted(classNames[best]));
                }
                output.Write('\n');
            }
            rows += count;
            count = 0;
        }

        foreach (var (number, raw) in CsvDataset.Lines(input, source, null))
        {
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (number == 1) line = line.TrimStart('\uFEFF');
            if (string.IsNullOrWhiteSpace(line)) continue;
            var where = $"{source}:{number}";
            var fields = CsvDataset.SplitFields(line, where);
            if (at is null)
            {
                // A header is recognised, not guessed: only the first line, and only when a column is named in it or its x or y is not a number.
                at = columns.Resolve(fields, source, number, withLabel: false);
                var (xi, yi, zi) = (at.X, at.Y, at.Z);
                output.Write(at.FirstIsHeader ? line : string.Join(',', Enumerable.Range(0, at.Width).Select(c => c == xi ? "x" : c == yi ? "y" : c == zi ? "z" : $"column{c + 1}")));
                foreach (var name in Header(network, classNames, layer)) output.Write("," + CsvDataset.Quoted(name));
                output.Write('\n');
                if (at.FirstIsHeader) continue;
            }
            else if (fields.Count != at.Width)
            {
                throw new UserInputException($"{where}: expected {at.Width} fields as in the first row, found {fields.Count}");
            }
            x[count] = CsvDataset.Coordinate(fields[at.X], "x", where);
            y[count] = CsvDataset.Coordinate(fields[at.Y], "y", where);
            if (threeD) z[count] = CsvDataset.Coordinate(fields[at.Z], "z", where);
            lines[count++] = line;
            if (count == BlockRows) Flush();
        }
        Flush();
        if (at is null) throw new UserInputException($"{source}: no rows");
        return rows;
    }

    /// <summary>The names of the columns added: p(class) for each class and "predicted", a regression's "predicted NAME" (its value), or layer k's units.</summary>
    public static IEnumerable<string> Header(Network network, IReadOnlyList<string> classNames, int? layer) =>
        layer is { } k
            ? Enumerable.Range(1, LayerMaps.Width(network, k)).Select(j => k == 0 ? $"feature{j}" : $"layer{k}_unit{j}")
            : network.Spec.IsRegression ? [$"predicted {classNames[0]}"]
            : [.. classNames.Select(c => $"p({c})"), "predicted"];
}
