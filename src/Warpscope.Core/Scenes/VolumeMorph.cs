using System.Globalization;
using System.Numerics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Representations.Geometry;
using Warpscope.Core.Representations.Projections;

namespace Warpscope.Core.Scenes;

/// <summary>
/// The staged morph of a network of 3-D inputs: the data move from the 3-D input space through every
/// hidden layer (<see cref="StagedMorph"/>), seen through one camera whose distance and target ease
/// between the stage ends. At t = 0 the frame is the input view (<see cref="InputVolume"/>, with its
/// slices); at t = L it is the last layer's 3-D view (a layer wider than 3 by PCA-3, or the options'
/// three units). Between them only the points move: there is no input plane to carry, and a slice would
/// not stay a slice. The projection eases too: during the first layer's stages from the input's own
/// (x, y, z) to the morph's (fitted on every layer's positions, so axes never flip), during the last
/// layer's into the end view's; all are linear, so each blend is.
/// </summary>
public sealed class VolumeMorph : IMorph
{
    private readonly Network _network;
    private readonly ViewOptions _options;
    private readonly StagedMorph _morph;
    private readonly LabeledPoints _points;
    private readonly bool[] _tests;
    private readonly ILayerProjection _start;
    private readonly ILayerProjection _middle;
    private readonly ILayerProjection? _end;
    private readonly Camera[] _cameras;
    private readonly Scene _first;
    private readonly Scene _last;

    public VolumeMorph(Network network, IReadOnlyList<string> classNames, Dataset? data, ViewOptions options)
    {
        if (network.Spec.InputDimensions != 3) throw new ArgumentException("a volume morph is of a network of 3-D inputs", nameof(network));
        var hidden = LayerMaps.HiddenLayers(network);
        if (hidden == 0) throw new UserInputException("morph: the network has no hidden layer, so there is nothing to morph");
        if (data is null || data.Dimensions != 3) throw new UserInputException("the morph of a network of 3-D inputs moves its 3-D data; the model file has none");
        _network = network;
        _options = options;
        var pass = new ForwardPass(network);
        (_points, _tests) = SceneFactory.DataPoints(data, options);
        _morph = new StagedMorph(network, _points.X, _points.Y, pass, _points.Z);
        var width = _morph.Width;
        _start = new UnitsProjection(width, [0, 1, 2]);
        var ends = Enumerable.Range(0, hidden + 1).Select(k => _morph.Activations(k).PadTo(width)).ToList();
        _middle = SceneFactory.ChooseProjection(width, options with { Units = null, PcaComponents = 3 }, PointCloud.Concatenate(ends));

        // The ends are the static views: the input volume, and the last layer in 3-D where it has 3 units or more.
        var lastWidth = LayerMaps.Width(network, hidden);
        var units = options.Units is { } chosen && chosen.All(u => u < lastWidth) ? chosen : null;
        var last = options with { Layer = hidden, Stage = LayerStage.Activations, Units = units, PcaComponents = 3, ShowGrid = false, CarriedCells = 0 };
        var endFrame = SceneFactory.Frame(network, data, data.Domain, last, pass);
        _first = InputVolume.Build(network, classNames, data, options with { Layer = 0 });
        _last = SceneFactory.Hidden(network, classNames, data.Domain, last, endFrame, pass);
        _end = endFrame.Projection.Dimensions == 3 ? endFrame.Projection : null;

        // A camera at each of the 3L + 1 stage ends: the first the input view's (it fits the data's box, here in
        // the network's own input units), the last the end view's, the others fitted to the points
        // alone (no box is drawn between the ends, and a skewed cloud's box would leave most of the frame empty).
        var stages = 3 * hidden + 1;
        _cameras = new Camera[stages];
        var (min, max) = InputVolume.Box(data);
        var scaling = network.Spec.Scaling;
        min = new Vector3(scaling.ApplyX(min.X), scaling.ApplyY(min.Y), scaling.ApplyZ(min.Z));
        max = new Vector3(scaling.ApplyX(max.X), scaling.ApplyY(max.Y), scaling.ApplyZ(max.Z));
        _cameras[0] = Flattener.ThreeD([BoxAxes.CornerCloud(min, max)], options).Camera!;
        for (var e = 1; e < stages; e++)
        {
            var t = Math.Min(hidden, e / 3.0);
            _cameras[e] = Flattener.ThreeD([Project(t, _morph.At(t))], options).Camera!;
        }
        if (_end is not null) _cameras[^1] = endFrame.Flat.Camera!;
    }

    public int Layers => _morph.Layers;

    public Scene At(double t)
    {
        if (double.IsNaN(t) || t < 0 || t > Layers) throw new ArgumentOutOfRangeException(nameof(t), $"t must be in [0, {Layers}]");
        var layer = Math.Min(Layers, (int)Math.Floor(t) + 1);
        var stage = t >= Layers ? "" : ((t - Math.Floor(t)) * 3) switch { < 1 => " · linear", < 2 => " · translate", _ => " · activate" };
        var title = _options.Title ?? string.Create(CultureInfo.InvariantCulture, $"morph t = {t:F2} (layer {layer}{stage})");
        if (t == 0) return _first with { Title = title };
        if (t >= Layers) return _last with { Title = title };
        var positions = Project(t, _morph.At(t));
        var flat = Flattener.Through(Containing(CameraAt(t), positions));
        return new Scene
        {
            Window = PlaneRect.Square(1.05f),
            ClassNames = _first.ClassNames,
            Title = title,
            Subtitle = $"{_network.Spec}",
            Axes = false,
            Points = SceneFactory.Points(positions, _points.Labels, _tests, flat),
            Layer = layer,
        };
    }

    /// <summary>
    /// Positions at time t in 3-D: the morph's own projection, eased from the input's (x, y, z) over the
    /// first layer and into the end view's over the last (from the input's straight into the end's for one layer).
    /// </summary>
    private PointCloud Project(double t, PointCloud positions)
    {
        var from = t <= 1 ? _start.Project(positions) : _middle.Project(positions);
        var to = _middle.Project(positions);
        var f = Math.Clamp(t, 0, 1);
        if (_end is not null && t >= Layers - 1)
        {
            var width = LayerMaps.Width(_network, Layers);
            to = _end.Project(new PointCloud(width, positions.Count, positions.Values[..(width * positions.Count)]));
            if (Layers > 1) (from, f) = (_middle.Project(positions), t - (Layers - 1));
        }
        var s = (float)(f * f * (3 - 2 * f));
        var values = new float[from.Values.Length];
        for (var i = 0; i < values.Length; i++) values[i] = from.Values[i] + s * (to.Values[i] - from.Values[i]);
        return new PointCloud(3, from.Count, values);
    }

    /// <summary>
    /// The camera moved back, keeping its target, until it shows every point: between stage ends the points
    /// move along their own curves (σ bends them) while the camera eases, and a point must not leave the frame.
    /// A camera fitted to the points and their mirror image through the target is centred on that target.
    /// </summary>
    private Camera Containing(Camera camera, PointCloud positions)
    {
        var n = positions.Count;
        var mirrored = new float[3 * n];
        var target = camera.Target;
        for (var i = 0; i < n; i++)
        {
            mirrored[i] = 2 * target.X - positions[0, i];
            mirrored[n + i] = 2 * target.Y - positions[1, i];
            mirrored[2 * n + i] = 2 * target.Z - positions[2, i];
        }
        var needed = Flattener.ThreeD([positions, new PointCloud(3, n, mirrored)], _options).Camera!;
        return needed.Distance > camera.Distance ? camera with { Distance = needed.Distance } : camera;
    }

    /// <summary>The camera at t: between two stage ends, their distances and targets blended with a smoothstep.</summary>
    private Camera CameraAt(double t)
    {
        var e = Math.Min(_cameras.Length - 2, (int)Math.Floor(3 * t));
        var f = (float)Math.Clamp(3 * t - e, 0, 1);
        f = f * f * (3 - 2 * f);
        var (a, b) = (_cameras[e], _cameras[e + 1]);
        return a with { Distance = a.Distance + f * (b.Distance - a.Distance), Target = a.Target + f * (b.Target - a.Target) };
    }
}
