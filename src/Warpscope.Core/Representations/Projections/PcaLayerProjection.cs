using System.Globalization;
using Warpscope.Core.Representations.Geometry;

namespace Warpscope.Core.Representations.Projections;

/// <summary>The first 2 or 3 principal components of a layer's points, named with the variance each explains.</summary>
public sealed class PcaLayerProjection : ILayerProjection
{
    private readonly PcaProjection _pca;

    public PcaLayerProjection(PointCloud fitOn, int components)
    {
        if (components is < 1 or > 3) throw new UserInputException($"pca: 1 to 3 components, not {components}");
        _pca = Pca.Fit(fitOn.Values, fitOn.Dimensions, fitOn.Count, components);
        AxisNames = [.. Enumerable.Range(0, components).Select(k =>
            string.Create(CultureInfo.InvariantCulture, $"PC{k + 1} ({100 * _pca.ExplainedRatio[k]:F0}%)"))];
    }

    public int Dimensions => _pca.Components;
    public IReadOnlyList<string> AxisNames { get; }
    public IReadOnlyList<double> ExplainedRatio => _pca.ExplainedRatio;

    /// <summary>The mean and the orthonormal axes the points are projected on: coordinate k = axes[k]·(h − mean).</summary>
    public PcaProjection Basis => _pca;

    public PointCloud Project(PointCloud points)
    {
        var values = new float[_pca.Components * points.Count];
        _pca.Project(points.Values, points.Count, values);
        return new PointCloud(_pca.Components, points.Count, values);
    }
}
