using System.Globalization;
using System.Text;
using System.Text.Json;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;

namespace Warpscope.Core.Sweeps;

/// <summary>One finished run: what it is and what it reached.</summary>
public sealed record SweepOutcome(SweepRun Run, TrainedModel Model)
{
    /// <summary>Test accuracy, or training accuracy where nothing was held out.</summary>
    public double Accuracy => Model.Metrics is { } m ? double.IsNaN(m.TestAccuracy) ? m.TrainAccuracy : m.TestAccuracy : double.NaN;

    /// <summary>The run's decision field over the data's domain: its thumbnail in the sweep's grid.</summary>
    public Scene Thumbnail(Dataset data, ViewOptions options) => new ModelView(Model.Network, Model.ClassNames, data).Input(options);
}

/// <summary>A cell of the depth × width table: its seeds' runs, their median accuracy and spread.</summary>
public sealed record SweepCell(int Depth, int Width, IReadOnlyList<SweepOutcome> Outcomes)
{
    /// <summary>The median of the seeds' accuracies (the mean of the middle two for an even count).</summary>
    public double Median
    {
        get
        {
            var sorted = Outcomes.Select(o => o.Accuracy).Order().ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    public double Min => Outcomes.Min(o => o.Accuracy);
    public double Max => Outcomes.Max(o => o.Accuracy);

    /// <summary>The run whose accuracy is the median (the lower of the middle two; ties to the lower seed): the cell's thumbnail.</summary>
    public SweepOutcome Typical => Outcomes.OrderBy(o => o.Accuracy).ThenBy(o => o.Run.Seed).ElementAt((Outcomes.Count - 1) / 2);
}

/// <summary>
/// Every run of a sweep and the depth × width table they make; writes runs.csv and runs.json. Made
/// only from the plan and the run files, so an unsharded sweep and a merge of shards give the same bytes.
/// </summary>
public sealed class SweepResults
{
    public SweepResults(SweepPlan plan, IReadOnlyList<SweepOutcome> outcomes)
    {
        Plan = plan;
        Outcomes = outcomes;
        var byRun = outcomes.ToDictionary(o => o.Run);
        Cells = [.. from d in plan.Depths from w in plan.Widths
                    select new SweepCell(d, w, [.. plan.Runs.Where(r => r.Depth == d && r.Width == w).Select(r => byRun[r])])];
    }

    public SweepPlan Plan { get; }

    /// <summary>The accuracy of guessing: one over the number of classes.</summary>
    public double Chance => 1.0 / Math.Max(2, Outcomes.Count == 0 ? 2 : Outcomes[0].Model.Network.ClassCount);
    public IReadOnlyList<SweepOutcome> Outcomes { get; }
    public IReadOnlyList<SweepCell> Cells { get; }

    /// <summary>True when the data holds out test points, so accuracies are test accuracies.</summary>
    public bool OnTest => Plan.Data.HoldsOutTest;

    public SweepCell Cell(int depth, int width) => Cells.First(c => c.Depth == depth && c.Width == width);

    /// <summary>Reads every run of the plan from the folder; names how many are missing when some are.</summary>
    public static SweepResults Load(SweepPlan plan, SweepFolder folder)
    {
        var missing = plan.Runs.Where(r => !folder.Has(r)).ToList();
        if (missing.Count > 0)
            throw new UserInputException($"{folder.RunsPath}: {missing.Count} of {plan.Runs.Count} runs are missing (first: {missing[0].FileName}); run the missing shards, then merge");
        return new SweepResults(plan, [.. plan.Runs.Select(r => new SweepOutcome(r, folder.Load(r)))]);
    }

    public string Csv()
    {
        var text = new StringBuilder("depth,width,seed,parameters,train_accuracy,test_accuracy,loss,epochs,steps,file\n");
        foreach (var o in Outcomes)
        {
            var m = o.Model.Metrics!;
            text.Append(F($"{o.Run.Depth},{o.Run.Width},{o.Run.Seed},{o.Model.Network.ParameterCount},{R(m.TrainAccuracy)},{R(m.TestAccuracy)},{R(m.Loss)},{m.Epochs},{m.Steps},runs/{o.Run.FileName}\n"));
        }
        return text.ToString();
    }

    public byte[] Json()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("data", Plan.Data.Name);
            w.WriteString("accuracy", OnTest ? "test" : "train");
            w.WriteStartArray("cells");
            foreach (var c in Cells)
            {
                w.WriteStartObject();
                w.WriteNumber("depth", c.Depth);
                w.WriteNumber("width", c.Width);
                Number(w, "median", c.Median);
                Number(w, "min", c.Min);
                Number(w, "max", c.Max);
                w.WriteNumber("typicalSeed", c.Typical.Run.Seed);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("runs");
            foreach (var o in Outcomes)
            {
                var m = o.Model.Metrics!;
                w.WriteStartObject();
                w.WriteNumber("depth", o.Run.Depth);
                w.WriteNumber("width", o.Run.Width);
                w.WriteNumber("seed", o.Run.Seed);
                w.WriteNumber("parameters", o.Model.Network.ParameterCount);
                Number(w, "trainAccuracy", m.TrainAccuracy);
                Number(w, "testAccuracy", m.TestAccuracy);
                Number(w, "loss", m.Loss);
                w.WriteNumber("epochs", m.Epochs);
                w.WriteNumber("steps", m.Steps);
                w.WriteString("file", $"runs/{o.Run.FileName}");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void Number(Utf8JsonWriter w, string property, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(property, Math.Round(value, 6));
        else w.WriteNull(property);
    }

    private static string R(double value) => double.IsFinite(value) ? Math.Round(value, 6).ToString("R", CultureInfo.InvariantCulture) : "";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
