using System.Text.Json;
using Warpscope.Core.Model;
using Warpscope.Core.Sessions;
using Warpscope.Core.Training;

namespace Warpscope.Web.Tests;

/// <summary>Issue 14: the tour's classic scenes, loaded as playground states, bear out their claims when played.</summary>
public class ScenesTests
{
    private static readonly WebLimits Limits = new();

    public static TheoryData<string> Ids => [.. ClassicScenes.All.Select(s => s.Id)];

    /// <summary>Played in the page's own session for the tour's epochs, each scene's training accuracy lands where its claim says.</summary>
    [Theory]
    [MemberData(nameof(Ids))]
    public void AScene_PlayedForItsEpochs_BearsOutItsClaim(string id)
    {
        Assert.True(ClassicScenes.TryGet(id, out var scene));
        var state = PlaygroundState.ForScene(scene, Limits);
        var session = state.Setup.Start();
        Assert.True(session.TrainEpochs(scene.Epochs));
        var accuracy = session.TrainFigures.Accuracy;
        Assert.InRange(accuracy, scene.MinAccuracy, scene.MaxAccuracy);
    }

    /// <summary>The page's session trains a scene exactly as the tour does: the same weights, so the same claim and pictures.</summary>
    [Theory]
    [InlineData("curves-line")]
    [InlineData("spiral-too-simple")]
    public void AScene_InThePage_TrainsLikeTheTour(string id)
    {
        Assert.True(ClassicScenes.TryGet(id, out var scene));
        var session = PlaygroundState.ForScene(scene, Limits).Setup.Start();
        session.TrainEpochs(scene.Epochs);
        var tour = new TrainingSession(scene.Job);
        tour.Run();
        Assert.Equal(tour.Network.Parameters, session.Network.Parameters);
    }

    [Fact]
    public void EveryScene_IsAValidCanonicalState_WithItsLastLayerInView()
    {
        foreach (var scene in ClassicScenes.All)
        {
            var state = PlaygroundState.ForScene(scene, Limits);
            Assert.Equal(state.ToQuery(), PlaygroundState.Parse(state.ToQuery(), Limits).ToQuery());
            Assert.Equal(scene.Hidden, state.Setup.Hidden);
            Assert.Equal(scene.Hidden.Length, state.Layer);
            Assert.Equal(scene.Data, state.Setup.Data);
        }
    }

    [Fact]
    public async Task TheScenesList_IsServed_WithEachStateAndWhatToLookAt()
    {
        await using var server = await TestServer.StartAsync();
        var list = JsonDocument.Parse(await server.Http.GetStringAsync("/api/scenes")).RootElement;
        Assert.Equal(ClassicScenes.All.Count, list.GetArrayLength());
        var first = list[0];
        Assert.Equal("curves-line", first.GetProperty("id").GetString());
        Assert.StartsWith("data=curves&points=400", first.GetProperty("state").GetString());
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("look").GetString()));
    }
}

/// <summary>Issue 14: a page is told why training fails when nothing is NaN, and how a straight line does.</summary>
public class AdviceTests
{
    [Fact]
    public async Task ReluAtLearningRate10_GetsAdvice_AndTheStateCarriesTheLinearModelsAccuracy()
    {
        await using var server = await TestServer.StartAsync();
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "act=relu&lr=10&opt=sgd&speed=5" });
        var state = await page.ExpectAsync("state");
        Assert.InRange(state.GetProperty("linearAccuracy").GetDouble(), 0.4, 0.8); // the spiral: a line does little
        await page.SendAsync(new { type = "play" });
        var advice = await page.ExpectAsync("advice", TimeSpan.FromSeconds(60));
        var ids = advice.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.True(ids.Contains("dead-units") || ids.Contains("swinging"), string.Join(", ", ids));
        Assert.Contains("learning rate", advice.GetProperty("items")[0].GetProperty("message").GetString());
        await page.SendAsync(new { type = "reset" });
        var cleared = await page.ExpectAsync("advice");
        Assert.Equal(0, cleared.GetProperty("items").GetArrayLength());
    }
}

/// <summary>Issue 14, item 8: frames travel deflated, at less than half their size, and decode the same.</summary>
public class LeanFrameTests
{
    [Fact]
    public async Task APageThatOffersDeflate_GetsCompressedFrames_ThatDecodeAsBefore()
    {
        await using var server = await TestServer.StartAsync();
        await using var page = await PageClient.ConnectAsync(server.Socket, server.Url, deflate: true);
        Assert.Contains("permessage-deflate", page.Extensions);
        Assert.Contains("server_no_context_takeover", page.Extensions);
        await page.SendAsync(new { type = "hello", state = "seed=1" });
        var state = await page.ExpectAsync("state");
        Assert.Equal("spiral", System.Web.HttpUtility.ParseQueryString(state.GetProperty("state").GetString()!)["data"]);
        var frame = await page.NextFrameAsync();
        Assert.Equal(2, frame.Views.Count);
        Assert.NotNull(frame.Diagram);
    }

    /// <summary>The default network's frame, deflated as the socket does it: under half its size (108 KiB → about 40).</summary>
    [Fact]
    public void TheDefaultFrame_DeflatesToUnderHalf()
    {
        var limits = new WebLimits();
        var state = PlaygroundState.Parse("", limits);
        var session = state.Setup.Start();
        session.TrainEpochs(100);
        var frame = new LiveFrameBuilder(limits).Build(session, state, 1, FrameFlags.Playing, null, null).Span;
        using var deflated = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(deflated, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(frame);
        Assert.True(deflated.Length < frame.Length / 2, $"{frame.Length} bytes deflate to {deflated.Length}");
        File.AppendAllText(Artifacts.PathOf("web/frame-size.txt"), FormattableString.Invariant(
            $"default 16-16-2 frame after 100 epochs: {frame.Length / 1024.0:F1} KiB, deflated {deflated.Length / 1024.0:F1} KiB\n"));
    }
}
