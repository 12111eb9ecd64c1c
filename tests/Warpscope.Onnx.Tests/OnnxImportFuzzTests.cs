using Warpscope.Core.Model;
using Warpscope.Tests.Shared;
using Xunit.Abstractions;

namespace Warpscope.Onnx.Tests;

public class OnnxImportFuzzTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("tanh-softmax.onnx", 1)]
    [InlineData("mixed-matmul.onnx", 2)]
    public void MutatedFixtures_AreReadOrRefusedInOneLine_NeverCrash(string fixture, int seed)
    {
        var (accepted, refused) = Mutations.Run(Fixtures.Bytes(fixture), seed, bytes =>
        {
            var model = OnnxImport.Parse(bytes, "fuzz.onnx");
            Assert.All(model.Network.Parameters, p => Assert.True(float.IsFinite(p)));
        }, "fuzz.onnx", count: 3000);

        output.WriteLine($"{fixture}: 3000 mutations, {accepted} read, {refused} refused in one line");
        Assert.True(refused > 300, $"{refused} refused: the mutations reach the checks");
    }
}
