using System.Globalization;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Representations.Projections;

namespace Warpscope.Core.Scenes;

/// <summary>
/// The staged morph through every hidden layer as scenes for any t ∈ [0, L]: the data, the grid
/// (sampled for the last layer's bends) and the carried field move together. Projection, camera and
/// window are fixed over the whole morph so frames line up.
/// </summary>
public sealed class MorphSequence : IMorph
{
    private readonly Network _network;
    private readonly IReadOnlyList<string> _classNames;
    private readonly ViewOptions _options;
    private readonly StagedMorph _morph;
    private readonly int[] _lineStarts;
    private readonly int _pointStart;
    private readonly CarriedField? _cells;
    private readonly StagedMorph? _cellMorph;
    private readonly LabeledPoints _points;
    private readonly bool[] _tests;
    private readonly ILayerProjection _projection;
    private readonly Flattener[] _stageFlatteners;
    private readonly PlaneRect[] _stageWindows;
    private readonly HiddenFrame _end;
    private readonly Scene _static;
    private readonly bool _blend;

    public MorphSequence(Network network, IReadOnlyList<string> classNames, Dataset? data, PlaneRect input, ViewOptions options)
    {
        _network = network;
        _classNames = classNames;
        _options = options;
        var hidden = LayerMaps.HiddenLayers(network);
        if (hidden == 0) throw new UserInputException("morph: the network has no hidden layer, so there is nothing to morph");
        var pass = new ForwardPass(network);
        (_points, _tests) = SceneFactory.DataPoints(data, options);
        var grid = options.ShowGrid ? WarpedGrid.Build(network, hidden, input, options.Grid, pass) : null;

        // One morph over the grid samples, a coarse lattice of the input (it helps fit the views) and the data.
        var x = new List<float>();
        var y = new List<float>();
        var starts = new List<int>();
        foreach (var line in grid?.Lines ?? [])
        {
            starts.Add(x.Count);
            foreach (var p in line.Input)
            {
                x.Add(p.X);
                y.Add(p.Y);
            }
        }
        starts.Add(x.Count);
        _lineStarts = [.. starts];
        var (coarseX, coarseY) = input.GridPoints(SceneFactory.CoarseCells);
        x.AddRange(coarseX);
        y.AddRange(coarseY);
        _pointStart = x.Count;
        x.AddRange(_points.X);
        y.AddRange(_points.Y);
        _morph = new StagedMorph(network, x.ToArray(), y.ToArray(), pass);

        // One projection for the whole morph (fitted on every layer's positions, padded to the morph's
        // width) so axes never flip. The view follows the points: a window (or camera) fitted at each
        // of the 3L + 1 stage ends, eased between them, so large pre-activations stay in view without
        // shrinking the activated layers to a dot.
        var ends = Enumerable.Range(0, hidden + 1).Select(k => _morph.Activations(k).PadTo(_morph.Width)).ToList();
        _projection = SceneFactory.ChooseProjection(_morph.Width, options with { Units = null }, PointCloud.Concatenate(ends));

        // The morph ends where the static view of the last layer stands: during the last layer's stages the
        // projection eases from the morph's own to that view's (both linear, so their blend is too), and the
        // last stage end takes that view's window or camera. At t = L the frame is that view.
        // Chosen units belong to the layer the options were made for: the last layer keeps them only if it has them.
        var lastWidth = LayerMaps.Width(network, hidden);
        var units = options.Units is { } chosen && chosen.All(u => u < lastWidth) ? chosen : null;
        var last = options with { Layer = hidden, Stage = LayerStage.Activations, Units = units };
        _end = SceneFactory.Frame(network, data, input, last, pass);
        _static = SceneFactory.Hidden(network, classNames, input, last, _end, pass);
        _blend = _end.Projection.Dimensions == _projection.Dimensions;

        var stages = 3 * hidden + 1;
        _stageFlatteners = new Flattener[stages];
        _stageWindows = new PlaneRect[stages];
        for (var e = 0; e < stages; e++)
        {
            var t = Math.Min(hidden, e / 3.0);
            var projected = Project(t, _morph.At(t));
            _stageFlatteners[e] = _projection.Dimensions == 3 ? Flattener.ThreeD([projected], options) : Flattener.Flat(_projection.Dimensions);
            _stageWindows[e] = _stageFlatteners[e].Window([projected]);
        }
        if (_blend)
        {
            _stageFlatteners[^1] = _end.Flat;
            _stageWindows[^1] = _end.Window;
        }

        // The carried field is cut as finely as the last layer's view needs, then morphs with the rest.
        if (options.CarriedCells > 0 && _projection.Dimensions > 1)
        {
            var end = _end;
            // A morph's frames carry the input's colours: cells whose corners differ in class are cut down to about
            // a pixel, so that the class boundary is a smooth curve, not a staircase of cells (its last frame is the static view).
            var refine = new SheetRefinement(
                cloud => SceneFactory.Flatten(end.Flat, end.Projection.Project(cloud)),
                MathF.Max(end.Window.Width, end.Window.Height) / Math.Max(1, options.FieldResolution))
            {
                InputPixels = options.FieldResolution,
            };
            _cells = CarriedField.Build(network, hidden, input, options.CarriedCells, pass, refine);
            _cellMorph = new StagedMorph(network, _cells.InputX, _cells.InputY, pass);
        }
    }

    /// <summary>What every frame passes through last (a regression's colour network's frames become regression views).</summary>
    internal Func<Scene, Scene> Finish { get; init; } = scene => scene;

    /// <summary>t runs from 0 (the input) to this (the last hidden layer).</summary>
    public int Layers => _morph.Layers;

    public Scene At(double t) => Finish(Unfinished(t));

    private Scene Unfinished(double t)
    {
        var layer = Math.Min(_morph.Layers, (int)Math.Floor(t) + 1);
        var stage = t >= _morph.Layers ? "" : ((t - Math.Floor(t)) * 3) switch { < 1 => " · linear", < 2 => " · translate", _ => " · activate" };
        var title = _options.Title ?? string.Create(CultureInfo.InvariantCulture, $"morph t = {t:F2} (layer {layer}{stage})");
        if (t >= _morph.Layers) return _static with { Title = title };
        var positions = Project(t, _morph.At(t));
        var (flat, window) = ViewAt(t);
        var lines = new List<ScenePolyline>();
        for (var l = 0; l + 1 < _lineStarts.Length; l++)
            lines.Add(SceneFactory.Polyline(flat, positions.Slice(_lineStarts[l], _lineStarts[l + 1] - _lineStarts[l]), LineKind.Grid));
        var sheet = _cells is null ? null : SheetBuilder.Build(_cells, Project(t, _cellMorph!.At(t)), flat, wholeLayer: false, clipAt: null);
        var points = SceneFactory.Points(positions.Slice(_pointStart, _points.Count), _points.Labels, _tests, flat);
        return new Scene
        {
            Window = window,
            ClassNames = _classNames,
            Title = title,
            Subtitle = $"{_network.Spec}",
            XLabel = _projection.Dimensions <= 2 ? _projection.AxisNames[0] : null,
            YLabel = _projection.Dimensions == 2 ? _projection.AxisNames[1] : null,
            Axes = _projection.Dimensions <= 2,
            Sheet = sheet,
            CellColouring = _options.CellColouring,
            Lines = lines,
            Points = points,
            Layer = layer,
        };
    }

    /// <summary>
    /// Positions of the morph's space at time t, projected: the morph's own projection, eased during the
    /// last layer's stages into the static view's (applied to the last layer's own coordinates).
    /// </summary>
    private PointCloud Project(double t, PointCloud positions)
    {
        var own = _projection.Project(positions);
        var from = _morph.Layers - 1;
        if (!_blend || t <= from) return own;
        var f = (float)Math.Clamp(t - from, 0, 1);
        f = f * f * (3 - 2 * f);
        var width = LayerMaps.Width(_network, _morph.Layers);
        var end = _end.Projection.Project(new PointCloud(width, positions.Count, positions.Values[..(width * positions.Count)]));
        var values = new float[own.Values.Length];
        for (var i = 0; i < values.Length; i++) values[i] = own.Values[i] + f * (end.Values[i] - own.Values[i]);
        return new PointCloud(own.Dimensions, own.Count, values);
    }

    /// <summary>The view at t: between two stage ends, their windows or cameras blended with a smoothstep.</summary>
    private (Flattener Flat, PlaneRect Window) ViewAt(double t)
    {
        var e = Math.Min(_stageWindows.Length - 2, (int)Math.Floor(3 * t));
        var f = (float)Math.Clamp(3 * t - e, 0, 1);
        f = f * f * (3 - 2 * f);
        if (_projection.Dimensions == 3)
        {
            var (a, b) = (_stageFlatteners[e].Camera!, _stageFlatteners[e + 1].Camera!);
            var camera = a with { Distance = a.Distance + f * (b.Distance - a.Distance), Target = a.Target + f * (b.Target - a.Target) };
            return (Flattener.Through(camera), _stageWindows[e]);
        }
        var (p, q) = (_stageWindows[e], _stageWindows[e + 1]);
        return (_stageFlatteners[e], new PlaneRect(p.XMin + f * (q.XMin - p.XMin), p.XMax + f * (q.XMax - p.XMax), p.YMin + f * (q.YMin - p.YMin), p.YMax + f * (q.YMax - p.YMax)));
    }
}
