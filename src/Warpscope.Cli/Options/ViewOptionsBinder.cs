using System.CommandLine;
using System.Globalization;
using Warpscope.Core;
using Warpscope.Core.Model;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Warpscope.Core.Sessions;

namespace Warpscope.Cli.Options;

/// <summary>--view, --project, --stage, --yaw, --pitch, --orthographic, --grid, --cells, --points, --size, --title.</summary>
internal sealed class ViewOptionsBinder(int defaultGrid)
{
    public Option<string> View { get; } = new("--view")
    {
        Description = "input, layer:K (hidden layer K, from 1) or last; several, comma-separated, make side-by-side panels; or probes, a chart of a linear probe per layer",
        DefaultValueFactory = _ => "input",
    };

    public Option<string?> Project { get; } = new("--project")
    {
        Description = "For wide layers: pca (2-D), pca3 (3-D) or units:I,J[,K] (chosen units, from 0)",
    };

    public Option<string> Stage { get; } = new("--stage")
    {
        Description = "Hidden views: the layer's activations σ(z) (post), or its pre-activations z (pre), which spread out a saturated layer",
        DefaultValueFactory = _ => "post",
    };

    public Option<double> Yaw { get; } = new Option<double>("--yaw") { Description = "3-D view: turn around the vertical axis, degrees", DefaultValueFactory = _ => 30 }.Within(-3600, 3600);
    public Option<double> Pitch { get; } = new Option<double>("--pitch") { Description = "3-D view: tilt, degrees", DefaultValueFactory = _ => 20 }.Within(-89, 89);
    public Option<bool> Orthographic { get; } = new("--orthographic") { Description = "3-D view without perspective" };
    public Option<int> Grid { get; } = new Option<int>("--grid")
    {
        Description = "Grid lines per axis, carried into hidden layers to show how they bend the plane (0 = no grid)",
        DefaultValueFactory = _ => defaultGrid,
    }.Within(0, 201);
    public Option<int> Cells { get; } = new Option<int>("--cells") { Description = "Cells per side of the field carried into hidden spaces (0 = none)", DefaultValueFactory = _ => 64 }.Within(0, 512);
    public Option<string> CellColours { get; } = new("--colour-cells") { Description = "Colour carried cells by prediction, or by stretch (how much the layer stretches or shrinks area)", DefaultValueFactory = _ => "prediction" };
    public Option<string> Points { get; } = new("--points-shown") { Description = "Data points to draw: all, train, test or none", DefaultValueFactory = _ => "all" };
    public Option<int> Size { get; } = new Option<int>("--size") { Description = "Height of the picture, and width of each panel, in pixels", DefaultValueFactory = _ => 800 }.Within(64, 4096);
    public Option<string?> Title { get; } = new("--title") { Description = "Title over the view (default: what it shows)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { View, Project, Stage, Yaw, Pitch, Orthographic, Grid, Cells, CellColours, Points, Size, Title }) command.Options.Add(option);
    }

    /// <summary>One options record per panel of --view.</summary>
    public IReadOnlyList<ViewOptions> Build(ParseResult parse, Network network)
    {
        var shown = parse.GetRequiredValue(Points).Trim().ToLowerInvariant();
        if (shown is not ("all" or "train" or "test" or "none"))
            throw new UserInputException($"--points-shown: '{shown}' is not all, train, test or none");
        var (units, components) = parse.GetValue(Project) is { } project ? SetupVocabulary.Projection(project, "--project") : (null, 2);
        var colouring = SetupVocabulary.Colouring(parse.GetRequiredValue(CellColours), "--colour-cells");
        var stage = SetupVocabulary.Stage(parse.GetRequiredValue(Stage), "--stage");
        var size = parse.GetValue(Size);
        var grid = parse.GetValue(Grid);
        var template = new ViewOptions
        {
            Units = units,
            PcaComponents = components,
            Stage = stage,
            Yaw = (float)parse.GetValue(Yaw),
            Pitch = (float)parse.GetValue(Pitch),
            Perspective = !parse.GetValue(Orthographic),
            Grid = new GridOptions(LinesPerAxis: Math.Max(grid, 2)),
            ShowGrid = grid > 0,
            CarriedCells = parse.GetValue(Cells),
            CellColouring = colouring,
            FieldResolution = Math.Clamp(Rendering.ScenePainter.PlotPixels(size, size), 16, 4096),
            ShowTrain = shown is "all" or "train",
            ShowTest = shown is "all" or "test",
            Title = parse.GetValue(Title),
        };
        var views = parse.GetRequiredValue(View).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (views.Length == 0) throw new UserInputException("--view: name at least one view (input, last or layer:K)");
        return [.. views.Select(v => template with { Layer = ParseView(v, network) })];
    }

    public static int ParseView(string text, Network network)
    {
        var hidden = LayerMaps.HiddenLayers(network);
        if (string.Equals(text, "input", StringComparison.OrdinalIgnoreCase)) return 0;
        if (string.Equals(text, "last", StringComparison.OrdinalIgnoreCase))
            return hidden > 0 ? hidden : throw new UserInputException("--view last: the network has no hidden layer (the linear model)");
        if (text.StartsWith("layer:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(text.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var k))
        {
            if (k >= 1 && k <= hidden) return k;
            throw new UserInputException(hidden == 0
                ? $"--view {text}: the network has no hidden layer (the linear model); use --view input"
                : $"--view {text}: the network's hidden layers are 1 to {hidden}");
        }
        throw new UserInputException($"--view: '{text}' is not input, last or layer:K");
    }
}
