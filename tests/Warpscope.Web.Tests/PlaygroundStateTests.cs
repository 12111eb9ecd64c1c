using Warpscope.Core;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Warpscope.Core.Sessions;

namespace Warpscope.Web.Tests;

public class PlaygroundStateTests
{
    private static readonly WebLimits Limits = new();

    [Fact]
    public void EmptyQuery_GivesTheDefaults_SpiralAndA16_16_2TanhNetwork()
    {
        var state = PlaygroundState.Parse("", Limits);
        Assert.Equal("data=spiral&points=1000&noise=0.1&test=0.5&seed=1&classes=2&layers=16,16,2&act=tanh&features=x,y&opt=adam&lr=0.01&batch=32&l1=0&l2=0&maxnorm=0" +
                     "&speed=1&layer=3&proj=auto&yaw=30&pitch=20&grid=0&cells=1&colour=prediction&stage=post", state.ToQuery());
    }

    [Theory]
    [InlineData("data=rings&points=300&noise=0&test=0.2&seed=7&classes=2&layers=4,3&act=relu,sine&features=x,y,x2,xy&opt=momentum&lr=0.3&batch=5&l1=0.001&l2=0.02&maxnorm=2.5&speed=5&layer=2&proj=auto&yaw=-45.5&pitch=12&grid=0&cells=1&colour=stretch&stage=pre")]
    [InlineData("data=spiral&points=2000&noise=0.25&test=0.5&seed=-3&classes=5&layers=&act=tanh&features=sinx,siny&opt=sgd&lr=1&batch=10000&l1=0&l2=0&maxnorm=0&speed=100&layer=0&proj=auto&yaw=30&pitch=20&grid=1&cells=0&colour=prediction&stage=post")]
    [InlineData("data=xor&points=500&noise=0.1&test=0&seed=1&classes=2&layers=8,8,8,8&act=tanh&features=x,y&opt=adam&lr=0.003&batch=32&l1=0&l2=0&maxnorm=0&speed=1&layer=2&proj=units:7,0,3&yaw=30&pitch=-89&grid=1&cells=1&colour=prediction&stage=pre")]
    [InlineData("data=circle&points=1000&noise=0.1&test=0.5&seed=1&classes=2&layers=16&act=tanh&features=x,y&opt=adam&lr=0.01&batch=32&l1=0&l2=0&maxnorm=0&speed=1&layer=1&proj=pca3&yaw=30&pitch=20&grid=1&cells=1&colour=prediction&stage=post")]
    public void CanonicalQuery_RoundTrips(string query)
    {
        var state = PlaygroundState.Parse(query, Limits);
        Assert.Equal(query, state.ToQuery());
        Assert.Equal(query, PlaygroundState.Parse(state.ToQuery(), Limits).ToQuery());
    }

    /// <summary>Issue 14: a share link is never refused; each bad key takes its default and is named, the rest is kept.</summary>
    [Fact]
    public void ALenientParse_DropsEachBadKey_NamesIt_AndKeepsTheRest()
    {
        var state = PlaygroundState.ParseLenient("data=xor&layers=1000&lr=abc&points=300&act=relu", Limits, out var problems);
        var defaults = PlaygroundState.Parse("", Limits);
        Assert.Equal("xor", state.Setup.Data.Name);
        Assert.Equal(300, state.Setup.Data.Points);
        Assert.Equal(defaults.Setup.Hidden, state.Setup.Hidden);
        Assert.Equal(defaults.Setup.Training.LearningRate, state.Setup.Training.LearningRate);
        Assert.All(state.Setup.Activations, a => Assert.Equal(Activation.Relu, a));
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("layers: ", StringComparison.Ordinal) && p.Contains("its default"));
        Assert.Contains(problems, p => p.StartsWith("lr: 'abc' is not a number", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("layers=4,4&act=relu,tanh,sine", "act")] // three activations for two layers
    [InlineData("layers=99&act=relu,tanh", "layers")] // dropping layers leaves three layers for two activations: act goes too
    [InlineData("data=custom&names=a,b&pts=!!!", "pts")]
    [InlineData("data=custom&names=a&pts=", "names")]
    [InlineData("proj=units:9&layers=4", "proj")]
    public void ALenientParse_OfADependentBadKey_StillGivesAState(string query, string named)
    {
        var state = PlaygroundState.ParseLenient(query, Limits, out var problems);
        Assert.Contains(problems, p => p.StartsWith(named + ": ", StringComparison.Ordinal));
        Assert.Equal(state.ToQuery(), PlaygroundState.Parse(state.ToQuery(), Limits).ToQuery()); // a valid state
    }

    [Fact]
    public void ALenientParse_OfAGoodLink_IsTheStrictOne_WithNoProblems()
    {
        const string query = "data=rings&points=300&layers=4,3&act=relu,sine&lr=0.3";
        Assert.Equal(PlaygroundState.Parse(query, Limits).ToQuery(), PlaygroundState.ParseLenient(query, Limits, out var problems).ToQuery());
        Assert.Empty(problems);
    }

    [Fact]
    public void ParsedState_HoldsTheValues()
    {
        var state = PlaygroundState.Parse("data=rings&points=300&layers=4,3&act=relu,sine&opt=momentum&lr=0.3&batch=5&l2=0.02&layer=1&proj=units:2,0&yaw=10", Limits);
        Assert.Equal(new DatasetSpec("rings", 300, 0.1, 0.5, 1, 2), state.Setup.Data);
        Assert.Equal([4, 3], state.Setup.Hidden);
        Assert.Equal([Activation.Relu, Activation.Sine], state.Setup.Activations);
        Assert.Equal(0.3, state.Setup.Training.LearningRate);
        Assert.Equal(5, state.Setup.Training.BatchSize);
        Assert.Equal(0.02, state.Setup.Training.L2);
        var view = state.LayerView(128, 40);
        Assert.Equal(1, view.Layer);
        Assert.Equal([2, 0], view.Units!);
        Assert.Equal(10f, view.Yaw);
    }

    [Fact]
    public void CustomPoints_RoundTripExactly_WithTheirSplitAndNames()
    {
        var custom = new CustomData(
            new LabeledPoints([0.1f, -3.5f, float.Epsilon], [1e-7f, 2.25f, -0f], [0, 2, 1]),
            new LabeledPoints([5.5f], [-5.5f], [1]),
            ["red", "green blue", "x"], new PlaneRect(-6, 6, -5, 5));
        var state = PlaygroundState.Parse("", Limits).WithCustom(custom);
        var query = state.ToQuery();
        Assert.Contains("data=custom", query);
        Assert.Contains("names=red,green%20blue,x", query);
        var back = PlaygroundState.Parse(query, Limits);
        Assert.Equal(custom, back.Setup.Custom);
        Assert.Equal(query, back.ToQuery());
    }

    [Fact]
    public void LayerBeyondTheNetwork_IsClampedToTheLastHiddenLayer()
    {
        Assert.Equal(2, PlaygroundState.Parse("layers=3,3&layer=9", Limits).Layer);
        Assert.Equal(0, PlaygroundState.Parse("layers=&layer=3", Limits).Layer);
    }

    [Theory]
    [InlineData("data=banana", "data:")]
    [InlineData("points=5", "points:")]
    [InlineData("points=10001", "points:")]
    [InlineData("noise=abc", "noise:")]
    [InlineData("lr=0", "lr:")]
    [InlineData("lr=NaN", "lr:")]
    [InlineData("layers=4,65", "layers:")]
    [InlineData("layers=1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1", "layers:")]
    [InlineData("act=swish", "act:")]
    [InlineData("layers=4,4&act=relu,relu,relu", "act:")]
    [InlineData("features=z", "features:")]
    [InlineData("data=custom&features=x,y,z", "features:")]
    [InlineData("opt=lbfgs", "opt:")]
    [InlineData("speed=1000", "speed:")]
    [InlineData("proj=units:0,16", "proj:")]
    [InlineData("proj=tsne", "proj:")]
    [InlineData("pitch=95", "pitch:")]
    [InlineData("grid=maybe", "grid:")]
    [InlineData("data=custom&pts=%%%", "pts:")]
    [InlineData("data=custom&pts=AAAA", "pts:")]
    [InlineData("data=custom&names=a", "names:")]
    [InlineData("data=custom&domain=1,0,0,1", "domain:")]
    public void BadValue_IsRefused_NamingItsKey(string query, string key)
    {
        var e = Assert.Throws<UserInputException>(() => PlaygroundState.Parse(query, Limits));
        Assert.StartsWith(key, e.Message);
    }

    [Theory]
    [InlineData(float.PositiveInfinity, 0f, "is not finite")]
    [InlineData(2e6f, 0f, "lies outside ±1000000")]
    [InlineData(0f, -1.5e6f, "lies outside ±1000000")]
    [InlineData(1e6f, -1e6f, null)]
    public void CustomPoints_FarAway_AreRefused_NamingThePoint(float x, float y, string? problem)
    {
        var bytes = new byte[9];
        System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes, x);
        System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4), y);
        var query = "data=custom&pts=" + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        if (problem is null)
        {
            Assert.Equal(1, PlaygroundState.Parse(query, Limits).Setup.Custom!.Count);
            return;
        }
        var e = Assert.Throws<UserInputException>(() => PlaygroundState.Parse(query, Limits));
        Assert.StartsWith("pts: point 1", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void UnitsView_SetsTheProjection_AndPca3AsksForThreeComponents()
    {
        Assert.Equal(3, PlaygroundState.Parse("layers=8&proj=pca3", Limits).LayerView(64, 10).PcaComponents);
        Assert.Null(PlaygroundState.Parse("layers=8", Limits).LayerView(64, 10).Units);
        Assert.Equal(CellColouring.Stretch, PlaygroundState.Parse("colour=stretch", Limits).LayerView(64, 10).CellColouring);
        Assert.Equal(LayerStage.PreActivations, PlaygroundState.Parse("stage=pre", Limits).LayerView(64, 10).Stage);
        Assert.Equal(LayerStage.Activations, PlaygroundState.Parse("", Limits).LayerView(64, 10).Stage);
        // The command line's words for the stage, read by the same vocabulary: z is the pre-activations.
        Assert.Equal("pre", PlaygroundState.Parse("stage=z", Limits).ToQuery().Split('&').Single(p => p.StartsWith("stage=", StringComparison.Ordinal))[6..]);
        var bad = Assert.Throws<UserInputException>(() => PlaygroundState.Parse("stage=zz", Limits));
        Assert.StartsWith("stage: 'zz' is not post", bad.Message);
        Assert.Equal(0, PlaygroundState.Parse("cells=0", Limits).LayerView(64, 10).CarriedCells);
    }

    [Theory]
    [InlineData("data=tori")]
    [InlineData("data=tori&features=x,y")]
    [InlineData("data=tori&features=x2,sinx")]
    public void Tori_IsFedXYZ_WhateverTheLinksFeatures_AndTheCanonicalFormParsesBack(string query)
    {
        var state = PlaygroundState.Parse(query, Limits);
        Assert.Equal(NetworkSpec.SpaceFeatures, state.Setup.Features);
        Assert.True(state.ThreeD);
        Assert.Equal(state.ToQuery(), PlaygroundState.Parse(state.ToQuery(), Limits).ToQuery());
        Assert.Contains("features=x,y,z&", state.ToQuery(), StringComparison.Ordinal);
    }
}
