using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Training;

namespace Warpscope.Web;

/// <summary>
/// A session frozen for an export, taken on the session's own loop so nothing is read while it trains:
/// the state, the network as shown (a copy), the data, the timeline's snapshots and the morph's t.
/// </summary>
public sealed record SessionSnapshot(
    PlaygroundState State,
    Network Network,
    Dataset Dataset,
    IReadOnlyList<TrainingSnapshot> Timeline,
    double? MorphT);
