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
/// Builds the views of a network as scenes: the input plane (decision field, boundary, points, grid)
/// and the space of any hidden layer (warped grid, carried field, points, the output layer's own
/// separator in the last hidden space).
/// </summary>
public static class SceneFactory
{
    /// <summary>The label on the output hyperplane's trace in a projected last hidden layer.</summary>
    internal const string TraceLabel = "output hyperplane's trace";

    public static Scene Build(Network network, IReadOnlyList<string> classNames, Dataset? data, PlaneRect input, ViewOptions options) =>
        network.Spec.InputDimensions == 3 ? (options.Layer == 0 ? InputVolume.Build(network, classNames, data, options) : Hidden(network, classNames, data, input, options))
        : options.Layer == 0 ? Input(network, classNames, data, input, options) : Hidden(network, classNames, data, input, options);

    /// <summary>The input plane: the whole network's decision field, its boundary, the data and the regular grid.</summary>
    public static Scene Input(Network network, IReadOnlyList<string> classNames, Dataset? data, PlaneRect window, ViewOptions options)
    {
        var lattice = Lattice.Square(window, options.FieldResolution);
        DecisionField field;
        using (var lease = ForwardPass.Rent(network))
            field = options.ExactField ? DecisionField.Compute(network, lattice, lease.Pass) : DecisionField.ComputeRefined(network, lattice, lease.Pass);
        var lines = new List<ScenePolyline>();
        if (options.ShowGrid)
        {
            for (var i = 0; i < options.Grid.LinesPerAxis; i++)
            {
                var f = (float)i / Math.Max(1, options.Grid.LinesPerAxis - 1);
                var x = window.XMin + f * window.Width;
                var y = window.YMin + f * window.Height;
                lines.Add(new ScenePolyline([new(x, window.YMin), new(x, window.YMax)], LineKind.Grid));
                lines.Add(new ScenePolyline([new(window.XMin, y), new(window.XMax, y)], LineKind.Grid));
            }
        }
        lines.AddRange(Boundaries(field).Select(b => new ScenePolyline(b, LineKind.Boundary)));
        var points = new List<ScenePoint>();
        if (data is not null)
        {
            if (options.ShowTrain) AddPoints(points, data.Train, false, (x, y) => new Vector2(x, y));
            if (options.ShowTest) AddPoints(points, data.Test, true, (x, y) => new Vector2(x, y));
        }
        return new Scene
        {
            Window = window,
            ClassNames = classNames,
            Title = options.Title ?? "input space",
            Subtitle = $"{network.Spec}",
            XLabel = data?.AxisNames[0] ?? "x",
            YLabel = data?.AxisNames[1] ?? "y",
            Field = field,
            Lines = lines,
            Points = points,
        };
    }

    /// <summary>The decision boundary as contours: p₁ = ½ for two classes, else each class's pₖ = max others.</summary>
    public static IReadOnlyList<Vector2[]> Boundaries(DecisionField field)
    {
        var lattice = field.Lattice;
        if (field.Classes == 2)
            return MarchingSquares.Contours(field.Probabilities.AsSpan(lattice.Count, lattice.Count), lattice.Columns, lattice.Rows, lattice.Centres, 0.5f);
        var all = new List<Vector2[]>();
        for (var c = 0; c < field.Classes; c++)
            all.AddRange(MarchingSquares.Contours(field.Margin(c), lattice.Columns, lattice.Rows, lattice.Centres, 0f));
        return all;
    }

    /// <summary>Hidden layer k: the data, the warped grid and the carried field where the layers put them.</summary>
    public static Scene Hidden(Network network, IReadOnlyList<string> classNames, Dataset? data, PlaneRect input, ViewOptions options)
    {
        LayerMaps.CheckLayer(network, options.Layer);
        // A network of 3-D inputs has no input plane to carry: its hidden views show where the layer puts the data, and nothing of a plane.
        if (network.Spec.InputDimensions == 3)
        {
            if (data is null || data.Dimensions != 3) throw new UserInputException("a network of 3-D inputs is drawn with its 3-D data; the model file has none");
            options = options with { ShowGrid = false, CarriedCells = 0 };
        }
        using var lease = ForwardPass.Rent(network);
        return Hidden(network, classNames, input, options, Frame(network, data, input, options, lease.Pass), lease.Pass);
    }

    /// <summary>Hidden layer k drawn in a frame already built for these options (the morph shares its end's).</summary>
    internal static Scene Hidden(Network network, IReadOnlyList<string> classNames, PlaneRect input, ViewOptions options, HiddenFrame frame, ForwardPass pass)
    {
        var layer = options.Layer;
        var width = LayerMaps.Width(network, layer);
        var stage = options.Stage;
        var (points, tests, mappedPoints, _, projection, projectedLines, clouds, flat, window) = frame;
        var projectedPoints = frame.ProjectedPoints;
        var exact = projection is UnitsProjection u && u.IsIdentity(width);
        var isLast = layer == LayerMaps.HiddenLayers(network);
        var saturation = Saturation.Of(network, layer, mappedPoints, stage);
        // How the sheet gets exact colours: a flat view of a whole layer is coloured pixel by pixel from the
        // rest of the network's field (the cells only say where the sheet is); in the last layer's activations
        // mixed cells are also cut at the separators (exact cells for 3-D and any renderer without the field);
        // elsewhere mixed cells are cut down to about a pixel.
        // A flat projected view is coloured sample by sample too, each sample mapped back to the input point
        // drawn there (SheetBackMap); only a 3-D projected view still cuts mixed cells down to about a pixel.
        var byField = exact && flat.Dimensions == 2 && options.CellColouring == CellColouring.Prediction;
        var backMap = !exact && flat.Dimensions == 2 && options.CellColouring == CellColouring.Prediction;
        // Pieces cut at the separators colour a sheet drawn by its cells; one coloured from the field needs only
        // where its cells are, and the pieces of a triangle cover what the triangle covers.
        var clip = isLast && exact && stage == LayerStage.Activations && !byField ? network : null;
        var cutMixed = clip is null && !byField && !backMap && options.CellColouring == CellColouring.Prediction;
        var carried = options.CarriedCells > 0 && flat.Dimensions > 1
            ? CarriedField.Build(network, layer, input, options.CarriedCells, pass, Refinement(projection, flat, window, options) with { CutMixed = cutMixed }, stage)
            : null;
        var sheet = carried is null ? null : Sheet(carried, projection, flat, exact, clip);
        bool[]? sheetCoverage = null;
        var sheetField = sheet is null || carried is null ? null
            : byField ? DecisionField.FromLayer(network, layer, Lattice.Square(window, Math.Clamp(Math.Max(options.FieldResolution / 2, Math.Min(options.FieldResolution, 128)), 16, 256)), stage)
            : backMap ? SheetBackMap.Field(pass, sheet, carried.InputX, carried.InputY, Lattice.Square(window, Math.Clamp(options.FieldResolution, 16, 512)), out sheetCoverage)
            : null;

        var regions = new List<SceneRegion>();
        var lines = new List<ScenePolyline>();
        if (isLast && exact && stage == LayerStage.Activations) AddSeparator(network, flat, window, clouds, regions, lines);
        if (isLast && exact && stage == LayerStage.PreActivations && flat.Dimensions == 2)
            lines.AddRange(BentSeparator(network, layer, window).Select(l => new ScenePolyline(l, LineKind.Separator)));
        // Folds where they are the point: ReLU layers fold the plane along their kinks, and a projection folds
        // a wide layer's sheet over itself. (A smooth deep tanh network folds too, but a saturated one only in
        // scattered creases that read as noise.)
        var relu = Enumerable.Range(0, layer).Any(k => network.Layers[k].Activation is Activation.Relu or Activation.LeakyRelu);
        if (flat.Dimensions == 2 && (relu || !exact) && network.Spec.InputDimensions == 2)
            lines.AddRange(FoldLines.Build(pass, layer, input, stage, projection.Project).SelectMany(f => Resolved(Polyline(flat, f, LineKind.Fold), window)));
        var labels = new List<SceneLabel>();
        if (isLast && projection is PcaLayerProjection pca && flat.Dimensions == 2 && network.ClassCount == 2 && stage == LayerStage.Activations
            && Trace(network, pca.Basis, window) is { } trace)
        {
            lines.Add(new ScenePolyline(trace, LineKind.Trace));
            labels.Add(new SceneLabel(Vector2.Lerp(trace[0], trace[1], 0.2f), TraceLabel));
        }
        lines.InsertRange(0, projectedLines.Select(l => Polyline(flat, l, LineKind.Grid)));

        var box = flat.Camera is null ? default
            : BoxAxes.Place(flat, Bounds3(clouds).Min, Bounds3(clouds).Max, [.. projection.AxisNames.Take(3).Select(n => AxisName(n, stage))]);
        return new Scene
        {
            Window = window,
            ClassNames = classNames,
            Title = options.Title ?? $"hidden layer {layer} ({width} unit{(width == 1 ? "" : "s")})",
            Subtitle = HiddenSubtitle(network, layer, stage, projection, saturation),
            XLabel = projection.Dimensions <= 2 ? AxisName(projection.AxisNames[0], stage) : null,
            YLabel = projection.Dimensions == 2 ? AxisName(projection.AxisNames[1], stage) : null,
            Axes = projection.Dimensions <= 2,
            Regions = regions,
            Sheet = sheet,
            SheetField = sheetField,
            SheetCoverage = sheetCoverage,
            CellColouring = options.CellColouring,
            Lines = flat.Camera is null ? lines : [.. lines, .. box.Lines],
            Labels = flat.Camera is null ? labels : box.Labels,
            Points = Points(projectedPoints, points.Labels, tests, flat),
            Layer = layer,
            Stage = stage,
            Saturation = saturation,
        };
    }

    /// <summary>
    /// The pieces of a line traced in the input whose images are resolved: a step of more than 2 % of the
    /// window between neighbouring samples (a saturated layer jumps there) would be drawn as a straight
    /// chord that is not on the fold, so the line is broken there instead.
    /// </summary>
    private static IEnumerable<ScenePolyline> Resolved(ScenePolyline line, PlaneRect window)
    {
        var limit = 0.02f * MathF.Max(window.Width, window.Height);
        var start = 0;
        for (var i = 1; i <= line.Points.Length; i++)
        {
            if (i < line.Points.Length && Vector2.Distance(line.Points[i - 1], line.Points[i]) <= limit) continue;
            if (i - start >= 2) yield return line with { Points = line.Points[start..i] };
            start = i;
        }
    }

    /// <summary>What a hidden view shows, in words: the stage, the projection and how saturated the layer is.</summary>
    internal static string HiddenSubtitle(Network network, int layer, LayerStage stage, ILayerProjection projection, double? saturation)
    {
        var width = LayerMaps.Width(network, layer);
        var sigma = network.Layers[layer - 1].Activation.ToName();
        var what = stage == LayerStage.PreActivations ? "pre-activations z" : $"activations {sigma}(z)";
        var how = projection is UnitsProjection u && u.IsIdentity(width) ? (width == 1 ? "its unit" : $"all {width} units")
            : projection is UnitsProjection ? $"{string.Join(", ", projection.AxisNames)} of {width}"
            : $"PCA of {width} units";
        var saturated = saturation is { } s && s >= 0.005 ? string.Create(CultureInfo.InvariantCulture, $" · {s:P0} of points saturated") : "";
        return $"{what}, {how}{saturated}";
    }

    private static string AxisName(string name, LayerStage stage) => stage == LayerStage.PreActivations ? $"z of {name}" : name;

    /// <summary>
    /// The output layer's separator seen in the last hidden layer's pre-activations (2 units): the
    /// contour where the two best classes tie, traced on a 256² lattice of the window. It is the
    /// straight separator of the activations, bent by σ.
    /// </summary>
    private static IReadOnlyList<Vector2[]> BentSeparator(Network network, int layer, PlaneRect window)
    {
        var lattice = Lattice.Square(window, 256);
        var (x, y) = lattice.Points();
        var n = lattice.Count;
        var values = new float[2 * n];
        x.CopyTo(values, 0);
        y.CopyTo(values, n);
        var logits = LayerMaps.OutputsFrom(network, layer, new PointCloud(2, n, values), LayerStage.PreActivations);
        var all = new List<Vector2[]>();
        var margin = new float[n];
        for (var c = 0; c < network.ClassCount; c++)
        {
            for (var i = 0; i < n; i++)
            {
                var best = double.NegativeInfinity;
                for (var j = 0; j < network.ClassCount; j++)
                    if (j != c) best = Math.Max(best, logits[j * n + i]);
                margin[i] = (float)(logits[c * n + i] - best);
            }
            all.AddRange(MarchingSquares.Contours(margin, lattice.Columns, lattice.Rows, lattice.Centres, 0f));
            if (network.ClassCount == 2) break; // one contour separates two classes
        }
        return all;
    }

    /// <summary>
    /// What a hidden view of layer k is drawn in: the data where the layer puts them, the warped grid,
    /// the projection (units or PCA), the flattener (a camera in 3-D) and the window. The image of a
    /// coarse lattice of the input rectangle joins the points and the grid in fixing the projection and
    /// the window, in which the carried field is then cut as finely as the view needs.
    /// Clouds: the grid's lines, then the points, then the lattice's image when there is one.
    /// </summary>
    internal static HiddenFrame Frame(Network network, Dataset? data, PlaneRect input, ViewOptions options, ForwardPass pass)
    {
        var layer = options.Layer;
        var stage = options.Stage;
        var width = LayerMaps.Width(network, layer);
        var (points, tests) = DataPoints(data, options);
        var mappedPoints = LayerMaps.Map(pass, layer, points.X, points.Y, stage, points.Z);
        var grid = options.ShowGrid ? WarpedGrid.Build(network, layer, input, options.Grid, pass, stage) : null;
        var outline = network.Spec.InputDimensions == 2 && (options.CarriedCells > 0 || (grid is null && mappedPoints.Count == 0)) ? CoarseImage(pass, layer, input, stage) : null;
        var projection = ChooseProjection(width, options, mappedPoints.Count > 0 ? mappedPoints : outline ?? grid!.Lines[0].Mapped);
        var projectedLines = grid?.Lines.Select(l => projection.Project(l.Mapped)).ToList() ?? [];
        var clouds = new List<PointCloud>(projectedLines) { projection.Project(mappedPoints) };
        if (outline is not null) clouds.Add(projection.Project(outline));
        // In 3-D the camera also fits the axes drawn along the box's edges, so they stay inside the frame.
        var flat = projection.Dimensions == 3 ? Flattener.ThreeD([.. clouds, BoxAxes.CornerCloud(Bounds3(clouds).Min, Bounds3(clouds).Max)], options) : Flattener.Flat(projection.Dimensions);
        return new HiddenFrame(points, tests, mappedPoints, grid, projection, projectedLines, clouds, flat, flat.Window(clouds));
    }

    /// <summary>The 32 × 32 grid whose image, with the points and the warped grid, fixes a hidden view's projection and window.</summary>
    internal const int CoarseCells = 32;

    /// <summary>Where layer k puts the corners of a <see cref="CoarseCells"/>² grid of the input rectangle (its outline and inside).</summary>
    private static PointCloud CoarseImage(ForwardPass pass, int layer, PlaneRect input, LayerStage stage)
    {
        var (x, y) = input.GridPoints(CoarseCells);
        return LayerMaps.Map(pass, layer, x, y, stage);
    }

    /// <summary>Cuts the carried field down to about a pixel of this view (the view's field resolution across its window).</summary>
    private static SheetRefinement Refinement(ILayerProjection projection, Flattener flat, PlaneRect window, ViewOptions options) =>
        new(cloud => Flatten(flat, projection.Project(cloud)), MathF.Max(window.Width, window.Height) / Math.Max(1, options.FieldResolution));

    internal static Vector2[] Flatten(Flattener flat, PointCloud cloud)
    {
        var points = new Vector2[cloud.Count];
        for (var i = 0; i < cloud.Count; i++) points[i] = flat.Point(cloud, i);
        return points;
    }

    /// <summary>
    /// The carried field as the view draws it; cut at the output layer's separators when the view shows
    /// the last hidden layer whole.
    /// </summary>
    private static SceneSheet Sheet(CarriedField field, ILayerProjection projection, Flattener flat, bool wholeLayer, Network? clipAt) =>
        SheetBuilder.Build(field, projection.Project(field.Mapped), flat, wholeLayer, clipAt);

    internal static ILayerProjection ChooseProjection(int width, ViewOptions options, PointCloud fitOn) =>
        options.Units is { } units ? new UnitsProjection(width, units)
        : width <= 3 ? UnitsProjection.Identity(width)
        : new PcaLayerProjection(fitOn, options.PcaComponents);

    internal static (LabeledPoints Points, bool[] Tests) DataPoints(Dataset? data, ViewOptions options)
    {
        if (data is null) return (LabeledPoints.Empty, []);
        var train = options.ShowTrain ? data.Train : LabeledPoints.Empty;
        var test = options.ShowTest ? data.Test : LabeledPoints.Empty;
        float[]? z = data.Dimensions == 3 ? [.. train.Z ?? [], .. test.Z ?? []] : null;
        var all = new LabeledPoints([.. train.X, .. test.X], [.. train.Y, .. test.Y], [.. train.Labels, .. test.Labels], z: z);
        return (all, [.. Enumerable.Repeat(false, train.Count), .. Enumerable.Repeat(true, test.Count)]);
    }

    internal static ScenePolyline Polyline(Flattener flat, PointCloud cloud, LineKind kind)
    {
        var points = Flatten(flat, cloud);
        var depth = flat.Camera is null || cloud.Count == 0 ? 0 : flat.Depth(cloud, cloud.Count / 2);
        return new ScenePolyline(points, kind, depth);
    }

    internal static IReadOnlyList<ScenePoint> Points(PointCloud cloud, int[] labels, bool[] tests, Flattener flat)
    {
        var points = new ScenePoint[cloud.Count];
        for (var i = 0; i < cloud.Count; i++)
        {
            points[i] = new ScenePoint(flat.Point(cloud, i), labels[i], tests[i], flat.Depth(cloud, i), i);
        }
        return flat.Camera is null ? points : [.. points.OrderByDescending(p => p.Depth)];
    }

    private static void AddSeparator(Network network, Flattener flat, PlaneRect window, List<PointCloud> clouds, List<SceneRegion> regions, List<ScenePolyline> lines)
    {
        switch (flat.Dimensions)
        {
            case 1 when network.ClassCount == 2:
            {
                // One unit h: class 1 wins where (w1 − w0)·h + (b1 − b0) > 0, a single threshold.
                var output = network.Layers.Count - 1;
                var a = network.Weight(output, 1, 0) - network.Weight(output, 0, 0);
                var b = network.Biases(output)[1] - network.Biases(output)[0];
                if (a != 0)
                {
                    var h = -b / a;
                    lines.Add(new ScenePolyline([new(h, window.YMin), new(h, window.YMax)], LineKind.Separator));
                }
                break;
            }
            case 2:
            {
                var regionsOf = OutputSeparator.Regions2D(network, new Vector2(window.XMin, window.YMin), new Vector2(window.XMax, window.YMax));
                for (var c = 0; c < regionsOf.Count; c++)
                {
                    if (regionsOf[c].Length >= 3) regions.Add(new SceneRegion(regionsOf[c], c));
                }
                lines.AddRange(SeparatorEdges(regionsOf, window));
                break;
            }
            case 3 when network.ClassCount == 2:
            {
                var (min, max) = Bounds3(clouds);
                var plane = OutputSeparator.Plane3D(network, min, max);
                if (plane.Length >= 3)
                {
                    var outline = plane.Append(plane[0]).Select(flat.Point).ToArray();
                    lines.Add(new ScenePolyline(outline, LineKind.Separator));
                    regions.Add(new SceneRegion([.. plane.Select(flat.Point)], -1));
                }
                break;
            }
        }
    }

    /// <summary>The edges of the class regions that are not on the window's border: the separating lines.</summary>
    private static IEnumerable<ScenePolyline> SeparatorEdges(IReadOnlyList<Vector2[]> regions, PlaneRect window)
    {
        var tolerance = 1e-4f * MathF.Max(window.Width, window.Height);
        bool OnBorder(Vector2 p, Vector2 q) =>
            (MathF.Abs(p.X - q.X) < tolerance && (MathF.Abs(p.X - window.XMin) < tolerance || MathF.Abs(p.X - window.XMax) < tolerance))
            || (MathF.Abs(p.Y - q.Y) < tolerance && (MathF.Abs(p.Y - window.YMin) < tolerance || MathF.Abs(p.Y - window.YMax) < tolerance));
        // Each edge belongs to the two regions it separates: keep it once, in one direction, so dashes line up.
        var seen = new HashSet<(int, int, int, int)>();
        foreach (var polygon in regions)
        {
            for (var i = 0; i < polygon.Length; i++)
            {
                var p = polygon[i];
                var q = polygon[(i + 1) % polygon.Length];
                if (Vector2.Distance(p, q) <= tolerance || OnBorder(p, q)) continue;
                if (p.X > q.X || (p.X == q.X && p.Y > q.Y)) (p, q) = (q, p);
                var key = ((int)MathF.Round(p.X / tolerance), (int)MathF.Round(p.Y / tolerance), (int)MathF.Round(q.X / tolerance), (int)MathF.Round(q.Y / tolerance));
                if (seen.Add(key)) yield return new ScenePolyline([p, q], LineKind.Separator);
            }
        }
    }

    /// <summary>
    /// Where the output layer's hyperplane (z₁ = z₀) meets the plane of a 2-D PCA view, clipped to the
    /// window: on the plane h = mean + u·a₀ + v·a₁ the margin (w₁ − w₀)·h + b₁ − b₀ is linear in (u, v).
    /// Null when the hyperplane misses the window (or lies parallel to the plane).
    /// </summary>
    private static Vector2[]? Trace(Network network, Representations.Geometry.PcaProjection basis, PlaneRect window)
    {
        var output = network.Layers.Count - 1;
        var width = network.Layers[output].Inputs;
        double constant = network.Biases(output)[1] - network.Biases(output)[0], du = 0, dv = 0;
        for (var i = 0; i < width; i++)
        {
            double d = network.Weight(output, 1, i) - network.Weight(output, 0, i);
            constant += d * basis.Mean[i];
            du += d * basis.Axes[0][i];
            dv += d * basis.Axes[1][i];
        }
        // Where du·u + dv·v + constant = 0 crosses the window's four edges.
        var hits = new List<Vector2>();
        void OnVertical(float u)
        {
            if (dv == 0) return;
            var v = (float)(-(constant + du * u) / dv);
            if (v >= window.YMin && v <= window.YMax) hits.Add(new Vector2(u, v));
        }
        void OnHorizontal(float v)
        {
            if (du == 0) return;
            var u = (float)(-(constant + dv * v) / du);
            if (u >= window.XMin && u <= window.XMax) hits.Add(new Vector2(u, v));
        }
        OnVertical(window.XMin);
        OnVertical(window.XMax);
        OnHorizontal(window.YMin);
        OnHorizontal(window.YMax);
        if (hits.Count < 2) return null;
        var (p, q) = (hits[0], hits.MaxBy(h => Vector2.Distance(h, hits[0])));
        return Vector2.Distance(p, q) > 1e-6f * window.Width ? [p, q] : null;
    }

    internal static (Vector3 Min, Vector3 Max) Bounds3(IEnumerable<PointCloud> clouds)
    {
        var min = new Vector3(float.MaxValue);
        var max = new Vector3(float.MinValue);
        foreach (var cloud in clouds)
        {
            for (var i = 0; i < cloud.Count; i++)
            {
                var p = new Vector3(cloud[0, i], cloud[1, i], cloud[2, i]);
                min = Vector3.Min(min, p);
                max = Vector3.Max(max, p);
            }
        }
        return min.X > max.X ? (-Vector3.One, Vector3.One) : (min, max);
    }

    private static void AddPoints(List<ScenePoint> points, LabeledPoints data, bool test, Func<float, float, Vector2> at)
    {
        for (var i = 0; i < data.Count; i++) points.Add(new ScenePoint(at(data.X[i], data.Y[i]), data.Labels[i], test, 0, points.Count));
    }
}
