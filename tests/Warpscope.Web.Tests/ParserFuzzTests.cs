using System.Diagnostics;
using System.Text;
using Warpscope.Core;
using Warpscope.Tests.Shared;

namespace Warpscope.Web.Tests;

/// <summary>
/// 10 000 seeded mutations each of a share link's state and of every kind of WebSocket message (issue 13):
/// a state parses or is refused in one line; a message is read or becomes an Invalid with its reason, never an exception.
/// </summary>
public class ParserFuzzTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public ParserFuzzTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    private static readonly WebLimits Limits = new();

    [Fact]
    public void StateUrls_TenThousandMutations_GiveAStateOrOneLine()
    {
        var valid = Encoding.UTF8.GetBytes("data=custom&points=300&noise=0&test=0.2&seed=7&classes=2&layers=4,3&act=relu,sine&features=x,y,x2,xy&opt=momentum&lr=0.3&batch=5&l1=0.001&l2=0.02&maxnorm=2&speed=5&layer=2&proj=units:1,0&yaw=-45.5&pitch=12&grid=0&cells=1&colour=stretch&stage=pre&names=a,b&domain=-6,6,-6,6&pts=");
        var (accepted, refused) = Mutations.Run(valid, 15, bytes =>
        {
            var state = PlaygroundState.Parse(Encoding.UTF8.GetString(bytes), Limits);
            Assert.Equal(state.ToQuery(), PlaygroundState.Parse(state.ToQuery(), Limits).ToQuery()); // what it keeps is canonical
        });
        _output.WriteLine($"state URL: 10000 inputs, {accepted} accepted, {refused} refused in one line");
        Assert.True(accepted > 500 && refused > 500, $"{accepted} accepted, {refused} refused");
    }

    [Fact]
    public void SocketMessages_TenThousandMutations_AreReadOrInvalid_NeverThrown()
    {
        string[] kinds =
        [
            """{"type":"hello","state":"data=xor&points=200&layers=4"}""",
            """{"type":"config","state":"lr=0.02&layers=8,8"}""",
            """{"type":"points","add":[[1.5,-2,0],[0.5,0.25,2]],"remove":[3,4]}""",
            """{"type":"csv","text":"x,y,label\n1,2,a\n3,4,b\n"}""",
            """{"type":"morph","t":1.5}""",
            """{"type":"scrub","index":12}""",
            """{"type":"ack","seq":41}""",
            """{"type":"play"}""",
        ];
        var random = new Random(16);
        int read = 0, invalid = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var bytes = Mutations.Mutate(Encoding.UTF8.GetBytes(kinds[i % kinds.Length]), random);
            var clock = Stopwatch.StartNew();
            var message = ClientMessage.Parse(bytes, Limits);
            if (message is ClientMessage.Invalid bad)
            {
                Assert.DoesNotContain('\n', bad.Message);
                invalid++;
            }
            else read++;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"input {i} took {clock.Elapsed}");
        }
        _output.WriteLine($"socket messages: 10000 inputs, {read} read, {invalid} answered as invalid in one line");
        Assert.True(read > 500 && invalid > 500, $"{read} read, {invalid} invalid");
    }
}
