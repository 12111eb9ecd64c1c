namespace Warpscope.Core.Representations.Projections;

/// <summary>Maps a layer's points to the 1, 2 or 3 dimensions a view can draw.</summary>
public interface ILayerProjection
{
    int Dimensions { get; }

    /// <summary>What the view's axes are, e.g. "PC1 (71 %)" or "unit 3".</summary>
    IReadOnlyList<string> AxisNames { get; }

    PointCloud Project(PointCloud points);
}
