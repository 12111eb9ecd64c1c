using Warpscope.Core.Model;

namespace Warpscope.Core.Numerics;

/// <summary>
/// The fused forward and backward pass of a network over one block of up to <see cref="MaxBlock"/>
/// samples, every buffer feature-major ([units][stride], one sample per SIMD lane) and allocated
/// once, so a training step or a frame allocates nothing. A block's stride is its sample count
/// rounded up to whole vectors, so a minibatch of 10 costs 16 lanes (one 512-bit vector or two
/// 256-bit ones), not 256. The kernels run at the block's <see cref="VectorWidth"/>, fixed when it is built.
/// </summary>
internal sealed unsafe class MlpBlock
{
    /// <summary>Samples per block: big enough to amortise per-row overhead, small enough to stay in L1/L2.</summary>
    public const int MaxBlock = 256;

    private readonly NetworkSpec _spec;
    private readonly LayerShape[] _layers;
    private readonly float* _features;
    private readonly float*[] _z;
    private readonly float*[] _a;
    private readonly int* _labels;
    private readonly float* _targets;
    private readonly float* _difference;
    private readonly float* _differenceGradient;
    private readonly float[] _x = new float[MaxBlock];
    private readonly float[] _y = new float[MaxBlock];
    private readonly float[] _zIn = new float[MaxBlock];
    private readonly List<float[]> _pinned = [];

    private readonly VectorWidth _width;

    public MlpBlock(Network network, VectorWidth width)
    {
        _width = width;
        _spec = network.Spec;
        _layers = [.. network.Layers];
        _features = Pinned(_spec.Features.Count);
        _z = new float*[_layers.Length];
        _a = new float*[_layers.Length];
        for (var k = 0; k < _layers.Length; k++)
        {
            _z[k] = Pinned(_layers[k].Outputs);
            _a[k] = Pinned(_layers[k].Outputs);
        }
        _labels = (int*)Pinned(1);
        // A regression block's targets, standardised (the network's units, see TargetScaling).
        _targets = Pinned(1);
        // A two-class output's W₁ − W₀ and b₁ − b₀, and their gradient in a training step.
        _difference = Pinned((_layers[^1].Inputs + MaxBlock) / MaxBlock);
        _differenceGradient = Pinned((_layers[^1].Inputs + MaxBlock) / MaxBlock);
    }

    /// <summary>Lanes per row of the current block.</summary>
    public int Stride { get; private set; } = MaxBlock;

    /// <summary>Samples in the current block.</summary>
    public int Count { get; private set; }

    public NetworkSpec Spec => _spec;

    /// <summary>
    /// Pre-activations z of layer k: [units][Stride] (after <see cref="Forward"/> with keepPre; training
    /// overwrites them with σ′).
    /// </summary>
    public ReadOnlySpan<float> Pre(int layer) => new(_z[layer], _layers[layer].Outputs * Stride);

    /// <summary>Activations a = σ(z) of layer k: [units][Stride]; the output layer's are class probabilities, or a regression's value in the target's units.</summary>
    public ReadOnlySpan<float> Post(int layer) => new(_a[layer], _layers[layer].Outputs * Stride);

    /// <summary>The input features: [F][Stride].</summary>
    public ReadOnlySpan<float> Features => new(_features, _spec.Features.Count * Stride);

    /// <summary>Loads samples start..start+count of the arrays (count ≤ MaxBlock), with their regression targets when given; z is empty for points of the plane.</summary>
    public void Load(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets = default, ReadOnlySpan<float> z = default)
    {
        Begin(x.Length);
        if (!_spec.Scaling.IsIdentity)
        {
            _spec.Scaling.Apply(x, y, _x, _y);
            x = _x.AsSpan(0, Count);
            y = _y.AsSpan(0, Count);
            if (!z.IsEmpty)
            {
                _spec.Scaling.ApplyZ(z, _zIn);
                z = _zIn.AsSpan(0, Count);
            }
        }
        FeatureKernels.Fill(_spec.Features, x, y, z, _features, Stride);
        labels.CopyTo(new Span<int>(_labels, MaxBlock));
        for (var s = 0; s < targets.Length; s++) _targets[s] = _spec.Target.Standardise(targets[s]);
    }

    /// <summary>Loads the samples at the given indices (a shuffled minibatch), with their regression targets when given.</summary>
    public void Gather(float[] x, float[] y, int[] labels, float[]? targets, ReadOnlySpan<int> indices, float[]? z = null)
    {
        Begin(indices.Length);
        for (var s = 0; s < indices.Length; s++)
        {
            var i = indices[s];
            _x[s] = x[i];
            _y[s] = y[i];
            _labels[s] = labels[i];
        }
        if (targets is not null)
        {
            for (var s = 0; s < indices.Length; s++) _targets[s] = _spec.Target.Standardise(targets[indices[s]]);
        }
        if (z is not null)
        {
            for (var s = 0; s < indices.Length; s++) _zIn[s] = z[indices[s]];
        }
        var depth = z is null ? default : _zIn.AsSpan(0, Count);
        if (!_spec.Scaling.IsIdentity)
        {
            _spec.Scaling.Apply(_x.AsSpan(0, Count), _y.AsSpan(0, Count), _x, _y);
            _spec.Scaling.ApplyZ(depth, _zIn);
        }
        FeatureKernels.Fill(_spec.Features, _x.AsSpan(0, Count), _y.AsSpan(0, Count), depth, _features, Stride);
    }

    /// <summary>
    /// Inference: a = σ(z) of the first <paramref name="layers"/> layers (all by default), softmax
    /// probabilities at the output, and z too when <paramref name="keepPre"/>. Without z, tanh and
    /// ReLU layers store only a, and a two-class output is computed from the difference of its two
    /// rows (one row of weights and one exponential instead of two): what a frame of the decision
    /// field or a warped grid needs.
    /// </summary>
    public void Forward(float[] parameters, int layers = int.MaxValue, bool keepPre = true)
    {
        if (_width == VectorWidth.Bits512) Forward<Float512>(parameters, layers, keepPre);
        else Forward<Float256>(parameters, layers, keepPre);
    }

    private void Forward<T>(float[] parameters, int layers, bool keepPre) where T : struct, IFloatVector<T>
    {
        fixed (float* p = parameters)
        {
            var vectors = Stride / T.Count;
            for (var k = 0; k < Math.Min(layers, _layers.Length); k++)
            {
                var l = _layers[k];
                var input = k == 0 ? _features : _a[k - 1];
                // z: [out][stride] = W: [out][in] · x: [in][stride] + b
                var w = p + l.WeightOffset;
                var b = p + l.BiasOffset;
                if (!keepPre && l.IsOutput && l.Outputs == 2)
                {
                    var difference = Difference(l, w, b);
                    DenseKernels.Combine<T, BlockOutputs.TwoClassProbabilities>(input, l.Inputs, difference, l.Inputs, 1,
                        difference + l.Inputs, _a[k], _a[k] + Stride, 1, Stride, vectors);
                    continue;
                }
                switch (l.IsOutput ? (Activation?)null : l.Activation)
                {
                    case Activation.Tanh when !keepPre:
                        DenseKernels.Combine<T, BlockOutputs.TanhOnly>(input, l.Inputs, w, l.Inputs, 1, b, _z[k], _a[k], l.Outputs, Stride, vectors);
                        break;
                    case Activation.Relu when !keepPre:
                        DenseKernels.Combine<T, BlockOutputs.ReluOnly>(input, l.Inputs, w, l.Inputs, 1, b, _z[k], _a[k], l.Outputs, Stride, vectors);
                        break;
                    case Activation.Tanh:
                        DenseKernels.Combine<T, BlockOutputs.TanhForward>(input, l.Inputs, w, l.Inputs, 1, b, _z[k], _a[k], l.Outputs, Stride, vectors);
                        break;
                    case Activation.Relu:
                        DenseKernels.Combine<T, BlockOutputs.ReluForward>(input, l.Inputs, w, l.Inputs, 1, b, _z[k], _a[k], l.Outputs, Stride, vectors);
                        break;
                    case null when _spec.IsRegression:
                        // ŷ = Offset + Scale·z: the value in the target's units.
                        DenseKernels.Combine<T, BlockOutputs.Plain>(input, l.Inputs, w, l.Inputs, 1, b, _z[k], _z[k], 1, Stride, vectors);
                        for (var s = 0; s < Stride; s++) _a[k][s] = _spec.Target.Apply(_z[k][s]);
                        break;
                    case null:
                        DenseKernels.Combine<T, BlockOutputs.Plain>(input, l.Inputs, w, l.Inputs, 1, b, _z[k], _z[k], l.Outputs, Stride, vectors);
                        SoftmaxKernels.Softmax<T>(_z[k], _a[k], l.Outputs, Stride);
                        break;
                    case var other:
                        DenseKernels.Combine<T, BlockOutputs.Plain>(input, l.Inputs, w, l.Inputs, 1, b, _z[k], _z[k], l.Outputs, Stride, vectors);
                        var count = l.Outputs * Stride;
                        ActivationKernels.Forward<T>(other.Value, new Span<float>(_z[k], count), new Span<float>(_a[k], count));
                        break;
                }
            }
        }
    }

    /// <summary>
    /// Forward and backward over the loaded block: adds this block's share of the gradient of the
    /// mean cross-entropy, or for regression of the mean squared error against the standardised targets
    /// (scale = 1/batch size), to <paramref name="gradient"/> and returns the block's summed loss (unscaled). A two-class output runs on the logit difference d = z₁ − z₀ alone
    /// (softmax cross-entropy of two classes is the logistic loss of d): one row of weights W₁ − W₀
    /// forward and back and one exponential per sample instead of two; the two rows' gradients are
    /// ±dL/dd·xᵀ.
    /// </summary>
    public double ForwardBackward(float[] parameters, Span<float> gradient, float scale) =>
        _width == VectorWidth.Bits512
            ? ForwardBackward<Float512>(parameters, gradient, scale)
            : ForwardBackward<Float256>(parameters, gradient, scale);

    private double ForwardBackward<T>(float[] parameters, Span<float> gradient, float scale) where T : struct, IFloatVector<T>
    {
        var vectors = Stride / T.Count;
        var last = _layers.Length - 1;
        var twoClass = _layers[last].Outputs == 2;
        double loss;
        fixed (float* p = parameters)
        fixed (float* g = gradient)
        {
            for (var k = 0; k <= last; k++)
            {
                var l = _layers[k];
                var input = k == 0 ? _features : _a[k - 1];
                var w = p + l.WeightOffset;
                var b = p + l.BiasOffset;
                if (k == last && twoClass)
                {
                    var difference = Difference(l, w, b);
                    DenseKernels.Combine<T, BlockOutputs.Plain>(input, l.Inputs, difference, l.Inputs, 1, difference + l.Inputs, _z[k], _z[k], 1, Stride, vectors);
                    continue;
                }
                switch (l.IsOutput ? (Activation?)null : l.Activation)
                {
                    case Activation.Tanh:
                        DenseKernels.Combine<T, BlockOutputs.TanhTraining>(input, l.Inputs, w, l.Inputs, 1, b, _z[k], _a[k], l.Outputs, Stride, vectors);
                        break;
                    case Activation.Relu:
                        DenseKernels.Combine<T, BlockOutputs.ReluTraining>(input, l.Inputs, w, l.Inputs, 1, b, _z[k], _a[k], l.Outputs, Stride, vectors);
                        break;
                    case null:
                        DenseKernels.Combine<T, BlockOutputs.Plain>(input, l.Inputs, w, l.Inputs, 1, b, _z[k], _z[k], l.Outputs, Stride, vectors);
                        break;
                    case var other:
                        DenseKernels.Combine<T, BlockOutputs.Plain>(input, l.Inputs, w, l.Inputs, 1, b, _z[k], _z[k], l.Outputs, Stride, vectors);
                        var count = l.Outputs * Stride;
                        ActivationKernels.ForwardWithDerivative<T>(other.Value, new Span<float>(_z[k], count), new Span<float>(_a[k], count));
                        break;
                }
            }

            // Output: z_L becomes dL/dz_L = (p − onehot)/batch (two classes: d becomes dL/dd = (p₁ − [label = 1])/batch;
            // regression: 2(z − t)/batch against the standardised target t).
            loss = _spec.IsRegression
                ? SquaredErrorKernels.Gradient<T>(_z[last], _targets, Stride, Count, scale)
                : twoClass
                ? SoftmaxKernels.TwoClassCrossEntropyGradient<T>(_z[last], Stride, _labels, Count, scale)
                : SoftmaxKernels.CrossEntropyGradient<T>(_z[last], _layers[last].Outputs, Stride, _labels, Count, scale);

            for (var k = last; k >= 0; k--)
            {
                var l = _layers[k];
                var input = k == 0 ? _features : _a[k - 1];
                if (k == last && twoClass)
                {
                    // g(W₁, b₁) += dd·xᵀ, Σ dd;  g(W₀, b₀) −= the same
                    var dd = _differenceGradient;
                    new Span<float>(dd, l.Inputs + 1).Clear();
                    DenseKernels.AccumulateWeightGradient<T>(_z[k], 1, input, l.Inputs, dd, dd + l.Inputs, Stride, vectors);
                    var g0 = g + l.WeightOffset;
                    var g1 = g0 + l.Inputs;
                    for (var c = 0; c < l.Inputs; c++)
                    {
                        g0[c] -= dd[c];
                        g1[c] += dd[c];
                    }
                    g[l.BiasOffset] -= dd[l.Inputs];
                    g[l.BiasOffset + 1] += dd[l.Inputs];
                    if (k == 0) break;
                    // dL/dz_{k−1} = (W₁ − W₀)ᵀ·dd ⊙ σ′(z_{k−1})
                    DenseKernels.Combine<T, BlockOutputs.ScaleByOutput>(_z[k], 1, _difference, 1, l.Inputs, null, _z[k - 1], _z[k - 1], l.Inputs, Stride, vectors);
                    continue;
                }
                // gW += dz·xᵀ, gb += Σ dz     dz: [out][stride]  x: [in][stride]
                DenseKernels.AccumulateWeightGradient<T>(_z[k], l.Outputs, input, l.Inputs, g + l.WeightOffset, g + l.BiasOffset, Stride, vectors);
                if (k == 0) break;
                // dL/dz_{k−1} = (Wᵀ·dz) ⊙ σ′(z_{k−1}), σ′ already in z_{k−1}: overwritten in place.
                DenseKernels.Combine<T, BlockOutputs.ScaleByOutput>(_z[k], l.Outputs, p + l.WeightOffset, 1, l.Inputs, null, _z[k - 1], _z[k - 1], l.Inputs, Stride, vectors);
            }
        }
        return loss;
    }

    /// <summary>A two-class output layer's W₁ − W₀ (its Inputs values) then b₁ − b₀, in <see cref="_difference"/>.</summary>
    private float* Difference(LayerShape layer, float* w, float* b)
    {
        var difference = _difference;
        for (var c = 0; c < layer.Inputs; c++) difference[c] = w[layer.Inputs + c] - w[c];
        difference[layer.Inputs] = b[1] - b[0];
        return difference;
    }

    private void Begin(int count)
    {
        if (count < 1 || count > MaxBlock) throw new ArgumentOutOfRangeException(nameof(count));
        Count = count;
        var lanes = _width.Lanes();
        Stride = (count + lanes - 1) / lanes * lanes;
    }

    /// <summary>
    /// A pinned buffer of rows × MaxBlock floats starting on a 64-byte boundary (a cache line): an
    /// array's data starts 16 bytes into its object, so unaligned every 512-bit load and store of a
    /// row would straddle two cache lines and cost two of the core's load or store slots.
    /// </summary>
    private float* Pinned(int rows)
    {
        const int LineFloats = 64 / sizeof(float);
        var array = GC.AllocateArray<float>(rows * MaxBlock + LineFloats, pinned: true);
        _pinned.Add(array);
        fixed (float* p = array) return (float*)(((nint)p + 63) & ~(nint)63);
    }
}
