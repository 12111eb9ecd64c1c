using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Warpscope.Core;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Warpscope.Core.Sessions;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Web;

/// <summary>
/// The page's whole state as its query string (docs/web-protocol.md): data, network, training and
/// view. <see cref="Parse"/> validates every key and names the bad one; <see cref="ToQuery"/> writes
/// the canonical form, which parses back to the same state.
/// </summary>
public sealed record PlaygroundState
{
    public const string CustomName = "custom";

    public SessionSetup Setup { get; init; } = new();
    public int Speed { get; init; } = 1;

    /// <summary>The hidden layer in the right view (0 when the network has none).</summary>
    public int Layer { get; init; } = 3;

    /// <summary><c>auto</c>, <c>pca3</c> or <c>units:i,j[,k]</c>.</summary>
    public string Projection { get; init; } = "auto";

    public float Yaw { get; init; } = 30;
    public float Pitch { get; init; } = 20;
    /// <summary>The warped grid in the hidden view: off by default, since in a trained, saturated layer its lines tangle (issue 12).</summary>
    public bool Grid { get; init; }
    public bool Cells { get; init; } = true;
    public CellColouring Colour { get; init; } = CellColouring.Prediction;

    /// <summary>The hidden view shows the layer's activations, or its pre-activations z.</summary>
    public LayerStage Stage { get; init; } = LayerStage.Activations;

    /// <summary>The right view's options for a live frame or an export.</summary>
    public ViewOptions LayerView(int fieldResolution, int cells, GridOptions? grid = null) => new()
    {
        Grid = grid ?? new GridOptions(),
        Layer = Layer,
        Units = SetupVocabulary.Projection(Projection, "proj").Units,
        PcaComponents = Projection == "pca3" ? 3 : 2,
        Yaw = Yaw,
        Pitch = Pitch,
        ShowGrid = Grid,
        CarriedCells = Cells ? cells : 0,
        CellColouring = Colour,
        Stage = Stage,
        FieldResolution = fieldResolution,
    };

    /// <summary>The input view's options; the view of 3-D data turns with the same camera as a 3-D hidden view.</summary>
    public ViewOptions InputView(int fieldResolution) => new() { Layer = 0, ShowGrid = false, FieldResolution = fieldResolution, Yaw = Yaw, Pitch = Pitch };

    /// <summary>The data are points of space (x, y, z): the input view is a 3-D scatter, and points cannot be added by a click.</summary>
    public bool ThreeD => Setup.Features.Contains(InputFeature.Z);

    /// <summary>
    /// A share link's state, never refused: each key that <see cref="Parse"/> would refuse is dropped (so it
    /// takes its default), and <paramref name="problems"/> says which and why, for the page to show
    /// (issue 14: a bad link left the page "waiting for the server" for ever).
    /// </summary>
    public static PlaygroundState ParseLenient(string? query, WebLimits limits, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        problems = found;
        var pairs = QueryHelpers.ParseQuery(string.IsNullOrEmpty(query) ? "" : query.StartsWith('?') ? query : "?" + query);
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            try
            {
                return Parse(QueryString.Create(pairs.Where(p => !dropped.Contains(p.Key))).Value, limits);
            }
            catch (UserInputException e) when (e.Key is { } key && pairs.ContainsKey(key) && dropped.Add(key))
            {
                found.Add($"{e.Message} (the link's {key} was ignored: it has its default)");
            }
            catch (UserInputException e) when (dropped.Count < pairs.Count)
            {
                // A problem of no one key (or of a key the link did not set): start from the defaults.
                found.Add($"{e.Message} (the link was ignored: everything has its default)");
                foreach (var key in pairs.Keys) dropped.Add(key);
            }
        }
    }

    public static PlaygroundState Parse(string? query, WebLimits limits)
    {
        var q = QueryHelpers.ParseQuery(string.IsNullOrEmpty(query) ? "" : query.StartsWith('?') ? query : "?" + query);
        string? Get(string key) => q.TryGetValue(key, out var v) && v.Count > 0 ? v[^1] : null;
        var defaults = new SessionSetup();

        var name = (Get("data") ?? defaults.Data.Name).Trim().ToLowerInvariant();
        IDatasetGenerator? generator = null;
        if (name != CustomName && !DatasetRegistry.TryGet(name, out generator))
            throw Bad("data", $"'{name}' is not one of {string.Join(", ", DatasetRegistry.Names)}, {CustomName}");
        var spec = new DatasetSpec(
            name,
            Int(Get("points"), "points", defaults.Data.Points, 10, limits.MaxPoints),
            Number(Get("noise"), "noise", defaults.Data.Noise, 0, 1),
            Number(Get("test"), "test", defaults.Data.TestFraction, 0, DatasetFactory.MaxTestFraction),
            Int(Get("seed"), "seed", defaults.Data.Seed, int.MinValue, int.MaxValue),
            Int(Get("classes"), "classes", defaults.Data.Classes, 2, NetworkSpec.MaxClasses));

        // The setup's words are read as the command line reads them (SetupVocabulary), under this URL's keys.
        var layersText = Get("layers");
        int[] hidden = layersText is null ? [.. defaults.Hidden] : SetupVocabulary.Layers(layersText, "layers", limits.MaxLayers, limits.MaxUnits);
        var activations = SetupVocabulary.Activations(Get("act") ?? "tanh", hidden.Length, "act");
        // 3-D data (the tori) is fed x, y and z, whatever the link's features say: the feature choices are the plane's.
        var threeD = generator?.Dimensions == 3;
        var features = threeD ? [.. NetworkSpec.SpaceFeatures] : SetupVocabulary.Features(Get("features") ?? "x,y", "features");
        if (!threeD && features.Contains(InputFeature.Z))
            throw Bad("features", "'z' is the third coordinate of 3-D data (data=tori), and this data is of the plane");
        var optimizer = SetupVocabulary.Optimizer(Get("opt") ?? "adam", "opt");
        var lr = Number(Get("lr"), "lr", defaults.Training.LearningRate, 0, 10);
        if (lr <= 0) throw Bad("lr", "the learning rate must be above 0");
        var training = defaults.Training with
        {
            Optimizer = optimizer,
            LearningRate = lr,
            BatchSize = Int(Get("batch"), "batch", defaults.Training.BatchSize, 1, limits.MaxPoints),
            L1 = Number(Get("l1"), "l1", 0, 0, 1),
            L2 = Number(Get("l2"), "l2", 0, 0, 1),
            MaxNorm = Number(Get("maxnorm"), "maxnorm", 0, 0, 100),
            Seed = spec.Seed,
        };

        CustomData? custom = null;
        if (name == CustomName)
        {
            // Edited or uploaded points carry classes, or for regression a value each (task=regression): then names is the value's one name.
            var regression = (Get("task") ?? "classification").Trim().ToLowerInvariant() switch
            {
                "classification" => false,
                "regression" => true,
                var other => throw Bad("task", $"'{other}' is not classification or regression"),
            };
            var names = (Get("names") ?? (regression ? "value" : "0,1")).Split(',', StringSplitOptions.TrimEntries);
            if (regression && (names.Length != 1 || names[0].Length is 0 or > 40))
                throw Bad("names", "a regression's points need one name of 1 to 40 characters, the value's");
            if (!regression && (names.Length is < 2 or > NetworkSpec.MaxClasses || names.Any(n => n.Length is 0 or > 40)))
                throw Bad("names", $"need 2 to {NetworkSpec.MaxClasses} class names of 1 to 40 characters");
            var domain = ParseFloats(Get("domain") ?? "-6,6,-6,6", "domain");
            if (domain.Length != 4 || !(domain[1] > domain[0]) || !(domain[3] > domain[2]))
                throw Bad("domain", "need xmin,xmax,ymin,ymax with xmin < xmax and ymin < ymax");
            try
            {
                custom = PointCodec.Decode(Get("pts") ?? "", names, new PlaneRect(domain[0], domain[1], domain[2], domain[3]), limits.MaxPoints, regression);
            }
            catch (UserInputException e) when (e.Key is null)
            {
                throw new UserInputException(e.Message) { Key = "pts" };
            }
        }

        var setup = new SessionSetup { Data = spec, Custom = custom, Hidden = hidden, Activations = activations, Features = features, Training = training };
        var layer = Int(Get("layer"), "layer", hidden.Length, 0, limits.MaxLayers);
        layer = hidden.Length == 0 ? 0 : Math.Clamp(layer, 1, hidden.Length);

        var projectionText = Get("proj") ?? "auto";
        var (units, components) = SetupVocabulary.Projection(projectionText, "proj");
        var projection = components == 3 ? "pca3" : "auto";
        if (units is not null)
        {
            var width = layer == 0 ? 0 : hidden[layer - 1];
            if (units.Any(u => u < 0 || u >= width))
                throw Bad("proj", $"units: pick 1 to 3 different units of layer {layer}, numbered 0 to {width - 1}");
            projection = "units:" + string.Join(',', units);
        }
        return new PlaygroundState
        {
            Setup = setup,
            Speed = Int(Get("speed"), "speed", 1, 1, limits.MaxEpochsPerFrame),
            Layer = layer,
            Projection = projection,
            Yaw = (float)Number(Get("yaw"), "yaw", 30, -100_000, 100_000),
            Pitch = (float)Number(Get("pitch"), "pitch", 20, -89, 89),
            Grid = Flag(Get("grid"), "grid", fallback: false),
            Cells = Flag(Get("cells"), "cells"),
            Colour = SetupVocabulary.Colouring(Get("colour") ?? "prediction", "colour"),
            Stage = SetupVocabulary.Stage(Get("stage") ?? "post", "stage"),
        };
    }

    /// <summary>The canonical query string: every key, in a fixed order, commas and colons kept readable.</summary>
    /// <summary>
    /// A classic scene (<see cref="ClassicScenes"/>) as a playground state: its data, network and training,
    /// its last hidden layer in view (the plane's bending shown by the grid where the one hidden layer is 2 or 3
    /// wide; a deep net's last layer tangles it, as in the tour),
    /// and a speed that reaches the tour's epochs in seconds.
    /// </summary>
    public static PlaygroundState ForScene(ClassicScene scene, WebLimits limits)
    {
        var d = scene.Data;
        var speed = Math.Max(1, 2400 / Math.Max(1, d.Points)) * (scene.Hidden.Sum() > 8 ? 1 : 2);
        var query = string.Join('&',
            $"data={d.Name}", $"points={F(d.Points)}", $"noise={F(d.Noise)}", $"test={F(d.TestFraction)}", $"seed={F(d.Seed)}",
            $"layers={(scene.Hidden.Length == 0 ? "none" : string.Join(',', scene.Hidden))}", "act=tanh", "features=x,y", "opt=adam",
            $"lr={F(scene.LearningRate)}", "batch=32", $"l2={F(scene.L2)}", $"maxnorm={F(scene.MaxNorm)}", $"speed={F(speed)}",
            $"layer={F(scene.Hidden.Length)}", $"grid={(scene.Hidden.Length == 1 && scene.Hidden[0] <= 3 ? 1 : 0)}", "cells=1");
        return Parse(query, limits);
    }

    public string ToQuery()
    {
        var s = Setup;
        var parts = new List<(string Key, string Value)>
        {
            ("data", s.Data.Name),
            ("points", F(s.Data.Points)),
            ("noise", F(s.Data.Noise)),
            ("test", F(s.Data.TestFraction)),
            ("seed", F(s.Data.Seed)),
            ("classes", F(s.Data.Classes)),
            ("layers", string.Join(',', s.Hidden)),
            ("act", s.Activations.Distinct().Count() <= 1 ? (s.Activations.Count == 0 ? "tanh" : s.Activations[0].ToName()) : string.Join(',', s.Activations.Select(a => a.ToName()))),
            ("features", string.Join(',', s.Features.Select(f => f.ToName()))),
            ("opt", s.Training.Optimizer.ToString().ToLowerInvariant()),
            ("lr", F(s.Training.LearningRate)),
            ("batch", F(s.Training.BatchSize)),
            ("l1", F(s.Training.L1)),
            ("l2", F(s.Training.L2)),
            ("maxnorm", F(s.Training.MaxNorm)),
            ("speed", F(Speed)),
            ("layer", F(Layer)),
            ("proj", Projection),
            ("yaw", F(Yaw)),
            ("pitch", F(Pitch)),
            ("grid", Grid ? "1" : "0"),
            ("cells", Cells ? "1" : "0"),
            ("colour", Colour == CellColouring.Stretch ? "stretch" : "prediction"),
            ("stage", Stage == LayerStage.PreActivations ? "pre" : "post"),
        };
        if (s.Custom is { } custom)
        {
            if (custom.IsRegression) parts.Add(("task", "regression"));
            parts.Add(("names", string.Join(',', custom.ClassNames)));
            parts.Add(("domain", string.Join(',', new[] { custom.Domain.XMin, custom.Domain.XMax, custom.Domain.YMin, custom.Domain.YMax }.Select(v => F(v)))));
            parts.Add(("pts", PointCodec.Encode(custom)));
        }
        var text = new StringBuilder();
        foreach (var (key, value) in parts)
        {
            if (text.Length > 0) text.Append('&');
            text.Append(key).Append('=').Append(Escape(value));
        }
        return text.ToString();
    }

    /// <summary>This state with the data replaced by edited points (the data becomes <c>custom</c>).</summary>
    /// <summary>
    /// This state with the data replaced by edited points (the data becomes <c>custom</c>). Edited points are of the
    /// plane: a network of 3-D data (x, y, z) is fed x and y instead.
    /// </summary>
    public PlaygroundState WithCustom(CustomData custom) => this with
    {
        Setup = Setup with
        {
            Data = Setup.Data with { Name = CustomName },
            Custom = custom,
            Features = Setup.Features.Contains(InputFeature.Z) ? NetworkSpec.PlainFeatures : Setup.Features,
        },
    };

    private static string Escape(string value) =>
        Uri.EscapeDataString(value).Replace("%2C", ",", StringComparison.Ordinal).Replace("%3A", ":", StringComparison.Ordinal);

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string F(float v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string F(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static UserInputException Bad(string key, string problem) => new($"{key}: {problem}") { Key = key };

    private static int Int(string? text, string key, int fallback, int min, int max)
    {
        if (text is null) return fallback;
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) throw Bad(key, $"'{text}' is not a whole number");
        if (v < min || v > max) throw Bad(key, $"{v} is out of range; need {min} to {max}");
        return v;
    }

    private static double Number(string? text, string key, double fallback, double min, double max)
    {
        if (text is null) return fallback;
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw Bad(key, $"'{text}' is not a number");
        if (v < min || v > max) throw Bad(key, $"{v.ToString(CultureInfo.InvariantCulture)} is out of range; need {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        return v;
    }

    private static bool Flag(string? text, string key, bool fallback = true) => text?.Trim() switch
    {
        null => fallback,
        "1" or "true" or "on" => true,
        "0" or "false" or "off" => false,
        _ => throw Bad(key, $"'{text}' is not 1 or 0"),
    };

    private static float[] ParseFloats(string text, string key) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries)
            .Select(t => float.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v) ? v : throw Bad(key, $"'{t}' is not a number"))];
}
