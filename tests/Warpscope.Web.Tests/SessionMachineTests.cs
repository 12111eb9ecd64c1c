using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Scenes;

namespace Warpscope.Web.Tests;

/// <summary>
/// The session's core without a socket: messages go in, the effects to send come out, and the clock is the
/// test's. What the page hears (replies, errors word for word, frames and their pacing) is checked here;
/// ServerTests check the same over a real socket.
/// </summary>
public sealed class SessionMachineTests : IDisposable
{
    private const string Small = "data=xor&points=50&layers=4";
    private static readonly WebLimits Limits = new() { MaxPoints = 60, FieldResolution = 16, CarriedCells = 8, DiagramSide = 6 };
    private readonly WorkScheduler _workers = new(1);
    private readonly ManualClock _clock = new();

    public void Dispose() => _workers.Dispose();

    private SessionMachine NewMachine() => new("test", Limits, _workers, NullLogger.Instance, _clock);

    private async Task<SessionMachine> StartedAsync(string state = Small)
    {
        var machine = NewMachine();
        await machine.HandleAsync(new ClientMessage.Hello(state), CancellationToken.None);
        return machine;
    }

    private static T Single<T>(IReadOnlyList<SessionEffect> effects) where T : ServerReply =>
        Assert.IsType<T>(Assert.IsType<SessionEffect.Reply>(Assert.Single(effects)).Message);

    [Fact]
    public async Task Hello_AnswersWithTheCanonicalState_AndWantsAFrameAtOnce()
    {
        var machine = NewMachine();
        var state = Single<ServerReply.State>(await machine.HandleAsync(new ClientMessage.Hello(Small), CancellationToken.None));
        Assert.Equal("test", state.Session);
        Assert.Contains("data=xor", state.Query, StringComparison.Ordinal);
        Assert.Equal([2, 4, 2], state.Sizes);
        Assert.Equal(50, state.Points);
        Assert.Empty(state.Warnings);
        Assert.True(machine.WantsFrame);
        Assert.Equal(TimeSpan.Zero, machine.UntilNextFrame);
    }

    [Fact]
    public async Task Hello_WithABadLink_StartsFromDefaults_AndSaysWhich()
    {
        var machine = NewMachine();
        var state = Single<ServerReply.State>(await machine.HandleAsync(new ClientMessage.Hello("data=xor&points=50&lr=abc"), CancellationToken.None));
        Assert.Contains(state.Warnings, w => w.StartsWith("lr:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnyMessageBeforeHello_IsAnsweredSendHelloFirst()
    {
        var machine = NewMachine();
        Assert.Equal("send hello first", Single<ServerReply.Error>(await machine.HandleAsync(new ClientMessage.Play(), CancellationToken.None)).Message);
        Assert.False(machine.WantsFrame);
    }

    [Theory]
    [InlineData("""{"type":"scrub","index":1.5}""", "scrub: needs \"index\", a whole number ≥ -1")]
    [InlineData("""{"type":"scrub"}""", "scrub: needs \"index\", a whole number ≥ -1")]
    [InlineData("""{"type":"morph","t":-1}""", "morph: \"t\" must be a number ≥ 0, or null")]
    [InlineData("""{"type":"csv","text":3}""", "csv: needs \"text\", a string")]
    [InlineData("""{"type":"ack","seq":-4}""", "ack: needs \"seq\", a frame number")]
    [InlineData("""{"type":"model","name":"","data":""}""", "model: needs \"name\", the file's name")]
    [InlineData("""{"type":"model","name":"m.json","data":"not base64!"}""", "model: needs \"data\", the file's bytes in base64")]
    [InlineData("""{"type":"points"}""", "points: needs \"add\", an array of [x, y, class]")]
    [InlineData("""{"type":"points","add":[[1,2,0],[1,2]]}""", "points: point 2 is not [x, y, class] with x and y within ±1000000 and class 0 to 7")]
    [InlineData("""{"type":"points","add":[[1,2,0],[1,"y",0]]}""", "a field has the wrong type; see docs/web-protocol.md")]
    [InlineData("""{"type":"scrub","index":"x"}""", "a field has the wrong type; see docs/web-protocol.md")]
    [InlineData("""{"type":"points","add":[[1,2,8]]}""", "points: point 1 is not [x, y, class] with x and y within ±1000000 and class 0 to 7")]
    [InlineData("""{"type":"dance"}""", "unknown message type 'dance'")]
    [InlineData("""[1,2]""", "a message must be a JSON object with a \"type\"")]
    [InlineData("""{"type":"play",""", "not valid JSON (Expected start of a property name or value, but instead reached end of data)")]
    public async Task BadMessage_IsAnsweredWithItsError_Verbatim(string json, string error)
    {
        var message = ClientMessage.Parse(Encoding.UTF8.GetBytes(json), Limits);
        var machine = await StartedAsync();
        Assert.Equal(error, Single<ServerReply.Error>(await machine.HandleAsync(message, CancellationToken.None)).Message);
    }

    [Fact]
    public void AStringThatIsNotUtf8_IsAFieldOfTheWrongType()
    {
        byte[] json = [.. "{\"type\":\""u8, 0xE2, .. "\"}"u8];
        Assert.Equal("a field has the wrong type; see docs/web-protocol.md", Assert.IsType<ClientMessage.Invalid>(ClientMessage.Parse(json, Limits)).Message);
    }

    [Fact]
    public void GoodMessages_ReadAsTheirRecords()
    {
        ClientMessage Parse(string json) => ClientMessage.Parse(Encoding.UTF8.GetBytes(json), Limits);
        Assert.Equal(new ClientMessage.Hello("a=1"), Parse("""{"type":"hello","state":"a=1"}"""));
        Assert.Equal(new ClientMessage.Hello(""), Parse("""{"type":"hello","state":7}""")); // a link's first message never fails
        Assert.Equal(new ClientMessage.Scrub(-1), Parse("""{"type":"scrub","index":-1}"""));
        Assert.Equal(new ClientMessage.Morph(null), Parse("""{"type":"morph","t":null}"""));
        Assert.Equal(new ClientMessage.Morph(1.5), Parse("""{"type":"morph","t":1.5}"""));
        Assert.Equal(new ClientMessage.Ack(41), Parse("""{"type":"ack","seq":41}"""));
        var open = Assert.IsType<ClientMessage.OpenModel>(Parse("""{"type":"model","name":"../dir/m.json","data":"AQID"}"""));
        Assert.Equal("m.json", open.Name);
        Assert.Equal([1, 2, 3], open.Bytes);
        var add = Assert.IsType<ClientMessage.AddPoints>(Parse("""{"type":"points","add":[[1.5,-2,0],[0.5,0.25,2]]}"""));
        Assert.Equal([(1.5f, -2f, 0), (0.5f, 0.25f, 2)], add.Points);
    }

    [Fact]
    public async Task Play_SendsFramesInSequence_AtMostTwoUnacknowledged()
    {
        var machine = await StartedAsync();
        Assert.Empty(await machine.HandleAsync(new ClientMessage.Play(), CancellationToken.None));
        Assert.True(machine.Playing);
        var first = FrameOf(await machine.FrameAsync(CancellationToken.None));
        Assert.Equal(1u, first.Sequence);
        Assert.True(first.Flags.HasFlag(FrameFlags.Playing));
        Assert.True(machine.WantsFrame);
        Assert.Equal(2u, FrameOf(await machine.FrameAsync(CancellationToken.None)).Sequence);
        Assert.False(machine.WantsFrame); // two in flight
        await machine.HandleAsync(new ClientMessage.Ack(2), CancellationToken.None);
        Assert.Equal(0, machine.InFlight);
        Assert.True(machine.WantsFrame);
    }

    [Fact]
    public async Task WhilePlaying_FramesKeepToHalfTheRoundTrip()
    {
        var machine = await StartedAsync();
        await machine.HandleAsync(new ClientMessage.Play(), CancellationToken.None);
        await machine.FrameAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        await machine.HandleAsync(new ClientMessage.Ack(1), CancellationToken.None);
        Assert.Equal(0.05, machine.FrameInterval, 6);
        await machine.FrameAsync(CancellationToken.None);
        Assert.Equal(TimeSpan.FromMilliseconds(50), machine.UntilNextFrame);
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TimeSpan.Zero, machine.UntilNextFrame);
    }

    [Fact]
    public async Task Scrub_Pauses_AndMorph_IsClampedToTheLayers()
    {
        var machine = await StartedAsync();
        await machine.HandleAsync(new ClientMessage.Play(), CancellationToken.None);
        await machine.HandleAsync(new ClientMessage.Scrub(0), CancellationToken.None);
        Assert.False(machine.Playing);
        await machine.HandleAsync(new ClientMessage.Morph(5), CancellationToken.None);
        Assert.Equal(1, machine.Snapshot().MorphT); // one hidden layer
        var frame = FrameOf(await machine.FrameAsync(CancellationToken.None));
        Assert.True(frame.Flags.HasFlag(FrameFlags.Scrubbing) && frame.Flags.HasFlag(FrameFlags.Morph) && !frame.Flags.HasFlag(FrameFlags.Playing));
        await machine.HandleAsync(new ClientMessage.Morph(null), CancellationToken.None);
        Assert.Null(machine.Snapshot().MorphT);
    }

    [Fact]
    public async Task AddingPointsBeyondTheLimit_IsRefused_AndTheDataStays()
    {
        var machine = await StartedAsync();
        var points = Enumerable.Range(0, 11).Select(i => (X: (float)i, Y: 0f, Class: i % 2)).ToList();
        Assert.Equal("at most 60 points", Single<ServerReply.Error>(await machine.HandleAsync(new ClientMessage.AddPoints(points), CancellationToken.None)).Message);
        var state = Single<ServerReply.State>(await machine.HandleAsync(new ClientMessage.AddPoints(points[..10]), CancellationToken.None));
        Assert.Equal(60, state.Points);
        Assert.Contains("data=custom", state.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x,y,label\n1,2,a\n3,4\n", "uploaded CSV:3:")]
    [InlineData("", "uploaded CSV:")]
    public async Task BadCsv_IsAnsweredWithWhereItWentWrong(string csv, string start)
    {
        var machine = await StartedAsync();
        Assert.StartsWith(start, Single<ServerReply.Error>(await machine.HandleAsync(new ClientMessage.Csv(csv), CancellationToken.None)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooLongACsv_IsRefused_WithItsRowCount()
    {
        var machine = await StartedAsync();
        var csv = "x,y,label\n" + string.Concat(Enumerable.Range(0, 61).Select(i => $"{i},{i % 7},{(i % 2 == 0 ? "a" : "b")}\n"));
        Assert.Equal("uploaded CSV: 61 rows; at most 60", Single<ServerReply.Error>(await machine.HandleAsync(new ClientMessage.Csv(csv), CancellationToken.None)).Message);
    }

    [Fact]
    public async Task OpeningAModel_TakesItsShape_AndSaysSo()
    {
        var trained = PlaygroundState.Parse("data=xor&points=40&layers=3,2", Limits).Setup.Start();
        trained.TrainEpochs(2);
        using var file = new MemoryStream();
        ModelFile.Write(file, trained.ToModel());
        var machine = await StartedAsync();
        var effects = await machine.HandleAsync(new ClientMessage.OpenModel("m.json", file.ToArray()), CancellationToken.None);
        Assert.Equal(2, effects.Count);
        var state = Assert.IsType<ServerReply.State>(Assert.IsType<SessionEffect.Reply>(effects[0]).Message);
        Assert.Equal([2, 3, 2, 2], state.Sizes);
        Assert.Equal("m.json", Assert.IsType<ServerReply.Opened>(Assert.IsType<SessionEffect.Reply>(effects[1]).Message).Name);
        Assert.False(machine.Playing);
    }

    [Fact]
    public async Task OpeningAFileThatIsNoModel_IsAnsweredWithAnError()
    {
        var machine = await StartedAsync();
        var error = Single<ServerReply.Error>(await machine.HandleAsync(new ClientMessage.OpenModel("m.json", "{}"u8.ToArray()), CancellationToken.None));
        Assert.StartsWith("m.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replies_ReadAsTheAnonymousObjectsTheyReplaced()
    {
        Assert.Equal(
            JsonSerializer.Serialize(new { type = "state", session = "s", state = "q", classes = new[] { "a", "b" }, sizes = new[] { 2, 3 }, layers = 1, domain = new[] { -1f, 1f, -2f, 2.5f }, epoch = 3, points = 7, warnings = Array.Empty<string>(), linearAccuracy = (double?)null, regression = false }),
            Encoding.UTF8.GetString(WebJson.Serialize(new ServerReply.State("s", "q", ["a", "b"], [2, 3], 1, [-1f, 1f, -2f, 2.5f], 3, 7, [], null, false))));
        Assert.Equal(
            JsonSerializer.Serialize(new { type = "probes", epoch = 4, layers = new[] { new { layer = 0, units = 2, accuracy = (double?)0.75, margin = (double?)null } }, warning = (string?)null }),
            Encoding.UTF8.GetString(WebJson.Serialize(new ServerReply.Probes(4, [new ServerReply.ProbeLayer(0, 2, 0.75, null)], null))));
        Assert.Equal(
            JsonSerializer.Serialize(new { type = "advice", items = new[] { new { id = "lr", message = "≥ \"too\" high" } } }),
            Encoding.UTF8.GetString(WebJson.Serialize(new ServerReply.Advice([new ServerReply.AdviceItem("lr", "≥ \"too\" high")]))));
        Assert.Equal("""{"type":"error","message":"m"}""", Encoding.UTF8.GetString(WebJson.Serialize(new ServerReply.Error("m"))));
        Assert.Equal("""{"type":"diverged","message":"m"}""", Encoding.UTF8.GetString(WebJson.Serialize(new ServerReply.Diverged("m"))));
        Assert.Equal("""{"type":"opened","name":"n","message":"m"}""", Encoding.UTF8.GetString(WebJson.Serialize(new ServerReply.Opened("n", "m"))));
    }

    private const string Tori = "data=tori&points=60&layers=4";

    [Fact]
    public async Task Tori_WithAFourUnitLayer_Starts_AndItsInputViewIsA3DScatterWithSlicesAndNamedAxes()
    {
        var machine = NewMachine();
        var state = Single<ServerReply.State>(await machine.HandleAsync(new ClientMessage.Hello(Tori), CancellationToken.None));
        Assert.Empty(state.Warnings);
        Assert.Equal([3, 4, 2], state.Sizes);
        Assert.Contains("features=x,y,z", state.Query, StringComparison.Ordinal);
        var frame = FrameOf(await machine.FrameAsync(CancellationToken.None));
        var input = frame.Views.Single(v => v.Kind == FrameViewKind.Input);
        Assert.True((input.Flags & 2) != 0, "the input view is 3-D");
        Assert.Equal(0, input.FieldColumns); // slices, not a field
        Assert.NotEmpty(input.Regions); // the slices' tints
        Assert.Equal(InputVolume.Slices, input.Lines.Count(l => l.Kind == (int)LineKind.Grid)); // each slice's outline
        Assert.Equal(3, input.Lines.Count(l => l.Kind == (int)LineKind.Axis));
        Assert.Equal(["x", "y", "z"], input.Labels.Select(l => l.Text));
        Assert.Equal(60, input.Points.Count);
        var layer = frame.Views.Single(v => v.Kind == FrameViewKind.Layer);
        Assert.True((layer.Flags & 2) == 0 || layer.Points.Count == 60);
        Assert.Equal(["x", "y", "z"], frame.Diagram!.Columns[0].Thumbnails.Select(t => t.Label));
    }

    [Fact]
    public async Task Tori_TurningTheCamera_TurnsTheInputView_AndFeaturesOfTheLinkGiveWayToXYZ()
    {
        var machine = await StartedAsync(Tori + "&features=x,y,x2");
        var before = FrameOf(await machine.FrameAsync(CancellationToken.None)).Views[0];
        await machine.HandleAsync(new ClientMessage.Ack(1), CancellationToken.None);
        var state = Single<ServerReply.State>(await machine.HandleAsync(new ClientMessage.Config(Tori + "&yaw=75&pitch=-10"), CancellationToken.None));
        Assert.Contains("features=x,y,z", state.Query, StringComparison.Ordinal);
        var after = FrameOf(await machine.FrameAsync(CancellationToken.None)).Views[0];
        // Points are drawn far to near, so the camera reorders them: compare each point with itself.
        Assert.Equal(before.Points.Select(p => p.Index).Order(), after.Points.Select(p => p.Index).Order());
        Assert.NotEqual(before.Points.OrderBy(p => p.Index).Select(p => p.Position), after.Points.OrderBy(p => p.Index).Select(p => p.Position));
    }

    [Fact]
    public async Task Tori_AddingOrClearingPoints_IsRefusedInOneLine_AndTheDataStays()
    {
        var machine = await StartedAsync(Tori);
        var error = Single<ServerReply.Error>(await machine.HandleAsync(new ClientMessage.AddPoints([(0f, 0f, 0)]), CancellationToken.None));
        Assert.StartsWith("points: the input view is 3-D", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        error = Single<ServerReply.Error>(await machine.HandleAsync(new ClientMessage.Clear(), CancellationToken.None));
        Assert.StartsWith("clear: the points are 3-D", error.Message, StringComparison.Ordinal);
        Assert.Equal(60, machine.Snapshot().Dataset.Train.Count + machine.Snapshot().Dataset.Test.Count);
    }

    [Fact]
    public async Task Tori_ThenAnUploadedCsvOfThePlane_TrainsOnXAndY()
    {
        var machine = await StartedAsync(Tori);
        var effects = await machine.HandleAsync(new ClientMessage.Csv("x,y,label\n0,0,a\n1,1,b\n2,0,a\n0,2,b\n"), CancellationToken.None);
        var state = Single<ServerReply.State>(effects);
        Assert.Contains("features=x,y&", state.Query, StringComparison.Ordinal);
        Assert.Equal([2, 4, 2], state.Sizes);
    }

    [Fact]
    public async Task Tori_Morph_DrawsTheVolumeMorph()
    {
        var machine = await StartedAsync(Tori);
        await machine.HandleAsync(new ClientMessage.Morph(0.5), CancellationToken.None);
        var frame = FrameOf(await machine.FrameAsync(CancellationToken.None));
        Assert.True(frame.Flags.HasFlag(FrameFlags.Morph));
        Assert.Contains(frame.Views, v => v.Kind == FrameViewKind.Morph && v.Points.Count == 60);
    }

    [Theory]
    [InlineData("input", "png")]
    [InlineData("layer", "svg")]
    [InlineData("morph", "gif")]
    [InlineData("training", "gif")]
    public async Task Tori_Exports_AreDrawn(string what, string format)
    {
        var machine = await StartedAsync(Tori);
        await machine.HandleAsync(new ClientMessage.Step(), CancellationToken.None);
        var export = new ViewExporter(Limits with { ExportSize = 96, ExportFrames = 3 }).Render(machine.Snapshot(), what, format);
        Assert.Equal($"warpscope-{what}.{format}", export.FileName);
        Assert.True(export.Bytes.Length > 100);
    }

    [Fact]
    public async Task OpeningAToriModel_OpensWithItsXYZInputsAndTheTori_AndA3DOnnxFileWithoutData_IsRefusedInOneLine()
    {
        var trained = PlaygroundState.Parse(Tori, Limits).Setup.Start();
        trained.TrainEpochs(2);
        var model = trained.ToModel();
        using var file = new MemoryStream();
        ModelFile.Write(file, model);
        var machine = await StartedAsync();
        var effects = await machine.HandleAsync(new ClientMessage.OpenModel("tori.json", file.ToArray()), CancellationToken.None);
        var state = Assert.IsType<ServerReply.State>(Assert.IsType<SessionEffect.Reply>(effects[0]).Message);
        Assert.Equal([3, 4, 2], state.Sizes);
        Assert.Contains("data=tori", state.Query, StringComparison.Ordinal);
        Assert.Contains("features=x,y,z", state.Query, StringComparison.Ordinal);
        Assert.True((FrameOf(await machine.FrameAsync(CancellationToken.None)).Views[0].Flags & 2) != 0);

        var onnx = Google.Protobuf.MessageExtensions.ToByteArray(Onnx.OnnxExport.Build(model));
        var error = Single<ServerReply.Error>(await machine.HandleAsync(new ClientMessage.OpenModel("tori.onnx", onnx), CancellationToken.None));
        Assert.StartsWith("tori.onnx: a model of 3-D inputs (x, y, z) opens with the built-in 3-D data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUploadedCsvWithAColumnZ_IsRefusedInOneLine_NotReadAsThePlane()
    {
        var machine = await StartedAsync();
        var error = Single<ServerReply.Error>(await machine.HandleAsync(new ClientMessage.Csv("x,y,z,label\r\n0,0,0,a\n1,1,1,b\n"), CancellationToken.None));
        Assert.StartsWith("uploaded CSV: it has a column z", error.Message, StringComparison.Ordinal);
    }

    private static Frame FrameOf(IReadOnlyList<SessionEffect> effects) =>
        effects.FirstOrDefault() is SessionEffect.Reply { Message: ServerReply.Error e }
            ? throw new Xunit.Sdk.XunitException($"an error instead of a frame: {e.Message}")
            : FrameReader.Read(Assert.IsType<SessionEffect.Frame>(Assert.Single(effects)).Bytes.ToArray());

    /// <summary>A clock that moves only when the test says.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
