using Warpscope.Core.Datasets;
using Warpscope.Core.Representations;
using Warpscope.Core.Representations.Projections;

namespace Warpscope.Core.Scenes;

/// <summary>What a hidden view is drawn in (see <see cref="SceneFactory.Frame"/>): shared by the static view and the morph's end.</summary>
internal sealed record HiddenFrame(
    LabeledPoints Points,
    bool[] Tests,
    PointCloud MappedPoints,
    WarpedGrid? Grid,
    ILayerProjection Projection,
    List<PointCloud> ProjectedLines,
    List<PointCloud> Clouds,
    Flattener Flat,
    PlaneRect Window)
{
    /// <summary>The data points in the view's projected space (they follow the grid's lines in <see cref="Clouds"/>).</summary>
    public PointCloud ProjectedPoints => Clouds[ProjectedLines.Count];
}
