namespace Warpscope.Core.Scenes;

public static class MorphExtensions
{
    /// <summary>Frame <paramref name="frame"/> of <paramref name="frames"/> evenly spread from the input (t = 0) to the layer (t = <see cref="IMorph.Layers"/>).</summary>
    public static Scene Frame(this IMorph morph, int frame, int frames) =>
        morph.At(frames <= 1 ? morph.Layers : (double)frame / (frames - 1) * morph.Layers);
}
