using Warpscope.Core.Datasets;

namespace Warpscope.Core.Tests.Datasets;

public class DatasetRegistryTests
{
    [Fact]
    public void Registry_ListsThePlaygroundFourThenTheOthers()
    {
        Assert.Equal(["circle", "xor", "gauss", "spiral", "curves", "rings", "moons", "tori", "plane", "multigauss"], DatasetRegistry.Names);
    }

    [Fact]
    public void Registry_LooksNamesUpCaseInsensitively()
    {
        Assert.True(DatasetRegistry.TryGet("SpIrAl", out var generator));
        Assert.Equal("spiral", generator.Name);
        Assert.Same(generator, DatasetRegistry.Get("SPIRAL"));
    }

    [Fact]
    public void Registry_UnknownName_ListsTheChoices()
    {
        Assert.False(DatasetRegistry.TryGet("foo", out _));
        var e = Assert.Throws<UserInputException>(() => DatasetRegistry.Get("foo"));
        Assert.Equal("unknown dataset 'foo'; choose one of circle, xor, gauss, spiral, curves, rings, moons, tori, plane, multigauss", e.Message);
    }

    [Fact]
    public void Registry_ListsCannotBeModified()
    {
        Assert.False(DatasetRegistry.All is IList<IDatasetGenerator> { IsReadOnly: false });
        Assert.False(DatasetRegistry.Names is IList<string> { IsReadOnly: false });
    }

    [Fact]
    public void Registry_EveryGeneratorHasADescriptionAndADomain()
    {
        Assert.All(DatasetRegistry.All, g =>
        {
            Assert.False(string.IsNullOrWhiteSpace(g.Description));
            Assert.True(g.Domain.Width > 0 && g.Domain.Height > 0);
        });
    }
}
