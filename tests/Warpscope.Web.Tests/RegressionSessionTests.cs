using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Sessions;

namespace Warpscope.Web.Tests;

/// <summary>
/// Regression in the playground (issue 16): the state takes TensorFlow Playground's regression datasets, a CSV of
/// values and a regression model; its frames say so, carry the views' value scale and colour the points by value.
/// </summary>
public sealed class RegressionSessionTests : IDisposable
{
    private static readonly WebLimits Limits = new() { MaxPoints = 60, FieldResolution = 16, CarriedCells = 8, DiagramSide = 6 };
    private readonly WorkScheduler _workers = new(1);

    public void Dispose() => _workers.Dispose();

    private async Task<(SessionMachine Machine, ServerReply.State State)> StartedAsync(string state)
    {
        var machine = new SessionMachine("test", Limits, _workers, NullLogger.Instance);
        var reply = Single<ServerReply.State>(await machine.HandleAsync(new ClientMessage.Hello(state), CancellationToken.None));
        return (machine, reply);
    }

    private static T Single<T>(IReadOnlyList<SessionEffect> effects) where T : ServerReply =>
        Assert.IsType<T>(Assert.IsType<SessionEffect.Reply>(Assert.Single(effects)).Message);

    private static Frame FrameOf(IReadOnlyList<SessionEffect> effects) =>
        FrameReader.Read(Assert.IsType<SessionEffect.Frame>(Assert.Single(effects)).Bytes.ToArray());

    [Theory]
    [InlineData("plane")]
    [InlineData("multigauss")]
    public void RegressionDatasets_ParseIntoARegressionSetup_WithOneLinearOutput(string name)
    {
        var state = PlaygroundState.Parse($"data={name}&layers=4,2", Limits);
        Assert.Equal(name, state.Setup.Data.Name);
        Assert.Contains($"data={name}", state.ToQuery(), StringComparison.Ordinal);
        var session = state.Setup.Start();
        Assert.True(session.Network.Spec.IsRegression);
        Assert.Equal([2, 4, 2, 1], session.Network.Spec.Sizes);
        // The Playground's values lie in [−1, 1]: learnt as they are.
        Assert.Equal(TargetScaling.Identity, session.Network.Spec.Target);
    }

    [Fact]
    public async Task HelloWithPlane_StartsARegression_WhoseFrameCarriesTheValueScaleAndR2()
    {
        var (machine, state) = await StartedAsync("data=plane&points=50&layers=4");
        Assert.True(state.Regression);
        Assert.Empty(state.Warnings);
        Assert.Equal([2, 4, 1], state.Sizes);
        Assert.Equal(["value"], state.Classes);
        Assert.Null(state.LinearAccuracy);

        var frame = FrameOf(await machine.FrameAsync(CancellationToken.None));
        Assert.True(frame.Flags.HasFlag(FrameFlags.Regression));
        Assert.InRange(frame.TrainAccuracy, -10f, 1f); // R², not an accuracy in [0, 1] only
        Assert.True(float.IsFinite(frame.TrainLoss));
        foreach (var view in frame.Views)
        {
            var (low, high, name) = Assert.NotNull(view.Values);
            // The plane's values (x + y)/10 over [−6, 6]² straddle 0: a scale symmetric about it.
            Assert.Equal(-low, high);
            Assert.InRange(high, 0.8f, 1.4f);
            Assert.Equal("value", name);
            Assert.Equal(2, view.Classes);
            Assert.All(view.Points, p => Assert.InRange(p.Class, 0, 64));
            // No class boundary or separator: the colour network's midpoint is no decision.
            Assert.DoesNotContain(view.Lines, l => l.Kind is 1 or 2);
        }
        // Points high on the diagonal are blue (level above the middle), low ones orange (below).
        var input = frame.Views[0];
        Assert.All(input.Points.Where(p => p.Position.X + p.Position.Y > 6), p => Assert.True(p.Class > 32, $"{p.Position}: level {p.Class}"));
        Assert.All(input.Points.Where(p => p.Position.X + p.Position.Y < -6), p => Assert.True(p.Class < 32, $"{p.Position}: level {p.Class}"));
    }

    [Fact]
    public async Task AClassifiersFrame_HasNoValueScale()
    {
        var (machine, state) = await StartedAsync("data=xor&points=50&layers=4");
        Assert.False(state.Regression);
        var frame = FrameOf(await machine.FrameAsync(CancellationToken.None));
        Assert.False(frame.Flags.HasFlag(FrameFlags.Regression));
        Assert.All(frame.Views, v => Assert.Null(v.Values));
    }

    [Fact]
    public async Task ARegressionCsv_IsTaken_ItsValuesLearntStandardised_AndTheLinkKeepsThem()
    {
        var (machine, _) = await StartedAsync("data=xor&points=50&layers=4");
        var random = new Random(3);
        var rows = Enumerable.Range(0, 40).Select(_ => (X: random.NextSingle() * 4 - 2, Y: random.NextSingle() * 4 - 2)).ToList();
        var csv = "x,y,price\n" + string.Concat(rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.X},{r.Y},{250_000 + 80_000 * r.X}\n")));
        var state = Single<ServerReply.State>(await machine.HandleAsync(new ClientMessage.Csv(csv), CancellationToken.None));
        Assert.True(state.Regression);
        Assert.Equal(["price"], state.Classes);
        Assert.Contains("task=regression", state.Query, StringComparison.Ordinal);
        Assert.Contains("names=price", state.Query, StringComparison.Ordinal);

        var parsed = PlaygroundState.Parse(state.Query, Limits);
        var data = parsed.Setup.MakeDataset();
        var spec = parsed.Setup.NetworkFor(data);
        Assert.True(spec.IsRegression);
        Assert.InRange(spec.Target.Offset, 170_000f, 330_000f);
        Assert.InRange(spec.Target.Scale, 20_000f, 120_000f);

        var frame = FrameOf(await machine.FrameAsync(CancellationToken.None));
        var (low, high, name) = Assert.NotNull(frame.Views[0].Values);
        Assert.Equal("price", name);
        Assert.InRange(low, 80_000f, 250_000f);
        Assert.InRange(high, 250_000f, 420_000f);
    }

    [Fact]
    public async Task OpeningARegressionModel_TakesItsShapeAndWeights()
    {
        var trained = PlaygroundState.Parse("data=plane&points=40&layers=3", Limits).Setup.Start();
        trained.TrainEpochs(3);
        using var file = new MemoryStream();
        ModelFile.Write(file, trained.ToModel());
        var (machine, _) = await StartedAsync("data=xor&points=50&layers=4");
        var effects = await machine.HandleAsync(new ClientMessage.OpenModel("plane.json", file.ToArray()), CancellationToken.None);
        var state = Assert.IsType<ServerReply.State>(Assert.IsType<SessionEffect.Reply>(effects[0]).Message);
        Assert.True(state.Regression);
        Assert.Equal([2, 3, 1], state.Sizes);
        Assert.Contains("data=plane", state.Query, StringComparison.Ordinal);
        Assert.Equal("plane.json", Assert.IsType<ServerReply.Opened>(Assert.IsType<SessionEffect.Reply>(effects[1]).Message).Name);
        var frame = FrameOf(await machine.FrameAsync(CancellationToken.None));
        Assert.Equal(trained.TrainFigures.Loss, frame.TrainLoss, 1e-4);
    }

    [Fact]
    public async Task ClickingPointsAndProbesOfARegression_AreRefused_NamingWhy_ItsMorphIsDrawnByValue()
    {
        var (machine, _) = await StartedAsync("data=plane&points=50&layers=4");
        var error = Single<ServerReply.Error>(await machine.HandleAsync(new ClientMessage.AddPoints([(1f, 1f, 0)]), CancellationToken.None));
        Assert.StartsWith("points: a click adds a point of a class", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("probes:", Single<ServerReply.Error>(await machine.HandleAsync(new ClientMessage.Probes(), CancellationToken.None)).Message, StringComparison.Ordinal);
        // The morph halfway from the plane to the 4-unit layer: one view, coloured by value on the input's scale.
        Assert.DoesNotContain(await machine.HandleAsync(new ClientMessage.Morph(0.5), CancellationToken.None), e => e is SessionEffect.Reply { Message: ServerReply.Error });
        var frame = FrameOf(await machine.FrameAsync(CancellationToken.None));
        Assert.True(frame.Flags.HasFlag(FrameFlags.Regression | FrameFlags.Morph));
        var morph = Assert.Single(frame.Views, v => v.Kind == FrameViewKind.Morph);
        var (low, high, name) = Assert.NotNull(morph.Values);
        Assert.Equal(-low, high);
        Assert.Equal("value", name);
        Assert.All(morph.Points, p => Assert.InRange(p.Class, 0, 64));
    }

    [Fact]
    public async Task ClearingARegressionsPoints_KeepsItARegression()
    {
        var (machine, _) = await StartedAsync("data=plane&points=50&layers=4");
        var state = Single<ServerReply.State>(await machine.HandleAsync(new ClientMessage.Clear(), CancellationToken.None));
        Assert.True(state.Regression);
        Assert.Equal(0, state.Points);
        Assert.Contains("task=regression", state.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void RegressionPoints_RoundTripExactlyThroughTheLink_WithTheirValuesAndSplit()
    {
        var custom = new CustomData(
            LabeledPoints.WithTargets([0.1f, -3.5f], [1e-7f, 2.25f], [250_000.5f, -0f]),
            LabeledPoints.WithTargets([5.5f], [-5.5f], [float.Epsilon]),
            ["price"], new PlaneRect(-6, 6, -5, 5));
        var query = PlaygroundState.Parse("points=50", Limits).WithCustom(custom).ToQuery();
        Assert.Contains("task=regression&names=price", query, StringComparison.Ordinal);
        var back = PlaygroundState.Parse(query, Limits);
        Assert.Equal(custom, back.Setup.Custom);
        Assert.Equal(query, back.ToQuery());
    }

    [Theory]
    [InlineData("data=custom&task=regression&names=a,b", "names")]
    [InlineData("data=custom&task=maybe", "task")]
    [InlineData("data=custom&task=regression&names=v&pts=AAAAAAAAAAAAAAAA", "pts")]
    public void BadRegressionLinks_AreRefused_NamingTheirKey(string query, string key)
    {
        var e = Assert.Throws<Warpscope.Core.UserInputException>(() => PlaygroundState.Parse(query, Limits));
        Assert.Equal(key, e.Key);
    }

    [Fact]
    public void AFrameLevel_IsTheRenderersQuantisedPointColour()
    {
        // Palette.Value quantises s = 2u − 1 to 1/32; the level is 32 + 32·s.
        Assert.Equal(0, FrameWriter.ValueLevel(0));
        Assert.Equal(32, FrameWriter.ValueLevel(0.5f));
        Assert.Equal(64, FrameWriter.ValueLevel(1));
        Assert.Equal(64, FrameWriter.ValueLevel(7));
        Assert.Equal(32, FrameWriter.ValueLevel(float.NaN));
        Assert.Equal(33, FrameWriter.ValueLevel(0.5f + 1.2f / 64));
    }

    [Fact]
    public void ARegressionFrame_CostsOnlyItsScaleMore_ThanTheSameScenesWithoutOne()
    {
        // The default page's frame (full limits) of the plane: each view adds f32 low, f32 high and the name; the points'
        // colours ride in their class bytes, the field and sheet are the colour network's two classes.
        var limits = new WebLimits();
        var state = PlaygroundState.Parse("data=plane", limits);
        var session = state.Setup.Start();
        session.TrainEpochs(2);
        var view = new Warpscope.Core.Scenes.ModelView(session.Network, session.Dataset.ClassNames, session.Dataset);
        FrameView[] views =
        [
            new(FrameViewKind.Input, 0, view.Input(state.InputView(limits.FieldResolution))),
            new(FrameViewKind.Layer, state.Layer, view.View(state.LayerView(limits.FieldResolution, limits.CarriedCells, limits.Grid))),
        ];
        var header = new FrameHeader(1, 2, FrameFlags.Regression, 0.1f, 0.1f, 0.5f, 0.5f, 2, -1, 2);
        var diagram = new FrameDiagram(Warpscope.Core.Representations.UnitMaps.Build(session.Network, session.Dataset.Domain, limits.DiagramSide, limits.DiagramUnits), session.Network);
        var regression = FrameWriter.Write(header, views, diagram);
        var plain = FrameWriter.Write(header, [.. views.Select(v => v with { Scene = v.Scene with { Values = null } })], diagram);
        Assert.Equal(2 * (4 + 4 + 2 + "value".Length), regression.Length - plain.Length);
        Assert.All(FrameReader.Read(regression).Views, v => Assert.NotNull(v.Values));
        File.WriteAllText(Artifacts.PathOf("web/regression-frame-sizes.txt"), string.Create(CultureInfo.InvariantCulture,
            $"plane, default page (1000 points, 16-16-2 tanh, field {limits.FieldResolution}², layer 3): frame {regression.Length} bytes; the same scenes without a value scale {plain.Length} bytes\n"));
    }
}
