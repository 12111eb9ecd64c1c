using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Onnx;
using Warpscope.Core;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Training;

namespace Warpscope.Onnx;

/// <summary>
/// Reads a multilayer perceptron saved as ONNX (opset 9 or later), as <c>torch.onnx.export</c> writes an
/// <c>nn.Sequential</c> of Linear layers and Tanh / ReLU / LeakyReLU / Sigmoid / Softplus / Identity / Sin:
/// a chain of Gemm (or MatMul then Add) and those activations, with or without a final Softmax (or
/// LogSoftmax). The last Linear layer's outputs are the class scores, one per class; a last Linear layer of one
/// output and no Softmax is a regression's value, optionally rescaled by a Mul and an Add of constant scalars
/// (what <see cref="OnnxExport"/> writes for a standardised target). Before the first Linear
/// layer, a Sub of a constant [2] and then a Div by a constant [2] (PyTorch's <c>(x - mean) / std</c>, or what
/// <see cref="OnnxExport"/> writes for a standardised model) are read as the input's standardisation. Anything else is
/// refused with one line naming the file, the first node outside the subset and its op type.
/// See docs/bring-your-own.md.
/// </summary>
public static class OnnxImport
{
    /// <summary>The earliest opset read: Gemm's broadcasting and the activations took their present meaning by opset 9.</summary>
    public const int MinOpset = 9;

    /// <summary>Metadata key under which <see cref="OnnxExport"/> keeps the class names (a JSON array of strings).</summary>
    public const string ClassesKey = "warpscope.classes";

    private static readonly string[] Supported =
        ["Sub", "Div", "Gemm", "MatMul", "Add", "Mul", "Tanh", "Relu", "LeakyRelu", "Sigmoid", "Softplus", "Sin", "Identity", "Softmax", "LogSoftmax"];

    public static TrainedModel Load(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: file not found");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new UserInputException($"{path}: cannot read ({e.Message})");
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses and checks an ONNX model's bytes; <paramref name="name"/> prefixes every message.</summary>
    public static TrainedModel Parse(byte[] bytes, string name)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new UserInputException($"{name}: not an ONNX model ({e.Message.TrimEnd('.')})");
        }
        if (model.Graph is null || model.Graph.Node.Count == 0) throw new UserInputException($"{name}: not an ONNX model (no graph, or a graph with no nodes)");
        return new Reader(name, model).Model();
    }

    /// <summary>One Linear layer as read: W: [out][in], b: [out], and the activation after it (null: none yet).</summary>
    private sealed class Affine(float[] weights, int inputs, int outputs)
    {
        public float[] Weights { get; } = weights;
        public float[] Biases { get; set; } = new float[outputs];
        public int Inputs { get; } = inputs;
        public int Outputs { get; } = outputs;
        public bool HasBias { get; set; }
        public Activation? Activation { get; set; }
    }

    private sealed class Reader(string name, ModelProto model)
    {
        private readonly Dictionary<string, TensorProto> _constants = [];

        public TrainedModel Model()
        {
            var graph = model.Graph;
            var opset = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => (long?)o.Version).FirstOrDefault();
            if (opset is null) throw Fail("it imports no ai.onnx opset");
            if (opset < MinOpset) throw Fail($"opset {opset} is older than {MinOpset}; export again with opset_version={MinOpset} or later");

            foreach (var t in graph.Initializer) _constants[t.Name] = t;
            foreach (var node in graph.Node.Where(n => n.OpType == "Constant" && n.Domain is "" or "ai.onnx"))
            {
                var value = node.Attribute.FirstOrDefault(a => a.Name == "value")?.T;
                if (value is null) throw Unsupported(node, "a Constant without a tensor value");
                _constants[node.Output[0]] = value;
            }

            var inputs = graph.Input.Where(i => !_constants.ContainsKey(i.Name)).ToList();
            if (inputs.Count != 1) throw Fail($"expected one input (a batch of points), found {inputs.Count}: {string.Join(", ", inputs.Select(i => i.Name))}");
            var features = InputWidth(inputs[0]);
            if (graph.Output.Count != 1) throw Fail($"expected one output (the class scores), found {graph.Output.Count}");

            var current = inputs[0].Name;
            var width = features;
            var layers = new List<Affine>();
            NodeProto? softmax = null;
            float[]? mean = null;
            float[]? scale = null;
            // A regression's last stage ŷ = z·TargetScale + TargetOffset after its one-output Linear layer.
            float? targetScale = null;
            float? targetOffset = null;
            foreach (var node in graph.Node)
            {
                if (node.OpType == "Constant" && node.Domain is "" or "ai.onnx") continue;
                if (node.Domain is not ("" or "ai.onnx") || !Supported.Contains(node.OpType)) throw Unsupported(node, $"not in the supported subset ({string.Join(", ", Supported)})");
                if (softmax is not null) throw Unsupported(node, $"it follows the {softmax.OpType} that ends the network");
                if ((targetScale ?? targetOffset) is not null && node.OpType is not ("Add" or "Identity"))
                    throw Unsupported(node, "it follows the rescaling (Mul, Add) of the regression's value that ends the network");
                var operand = node.Input.Where(i => i.Length > 0 && !_constants.ContainsKey(i)).ToList();
                if (operand.Count != 1 || operand[0] != current)
                    throw Unsupported(node, $"it does not take the chain's one running value '{current}' (a branch or a second input)");
                if (node.Input[0] != current && node.OpType != "Add") throw Unsupported(node, $"'{current}' must be its first input");
                var last = layers.Count > 0 ? layers[^1] : null;
                switch (node.OpType)
                {
                    case "Sub":
                        if (layers.Count > 0 || mean is not null || scale is not null || node.Input[0] != current)
                            throw Unsupported(node, "a Sub is read only first, as x − mean before the first Linear layer");
                        mean = Vector(node, node.Input[1], width);
                        break;
                    case "Div":
                        if (layers.Count > 0 || scale is not null || node.Input[0] != current)
                            throw Unsupported(node, "a Div is read only before the first Linear layer, as (x − mean) / scale");
                        scale = Vector(node, node.Input[1], width);
                        var bad = Array.FindIndex(scale, v => !(v > 0) || !float.IsNormal(v));
                        if (bad >= 0) throw Unsupported(node, $"its scale [{bad}] is {scale[bad].ToString(CultureInfo.InvariantCulture)}, not a positive number");
                        break;
                    case "Gemm":
                        layers.Add(Gemm(node, width));
                        width = layers[^1].Outputs;
                        break;
                    case "MatMul":
                        layers.Add(MatMul(node, width));
                        width = layers[^1].Outputs;
                        break;
                    case "Add":
                        if (last is null || last.Activation is not null || node.Input.Count != 2 || targetOffset is not null || (last.HasBias && last.Outputs != 1))
                            throw Unsupported(node, "an Add is read only as the bias right after a MatMul, or as the offset of a one-output network's value");
                        var added = Vector(node, node.Input[node.Input[0] == current ? 1 : 0], last.Outputs);
                        if (last.HasBias || targetScale is not null) targetOffset = added[0];
                        else
                        {
                            last.Biases = added;
                            last.HasBias = true;
                        }
                        break;
                    case "Mul":
                        if (last is null || last.Activation is not null || last.Outputs != 1 || targetScale is not null || node.Input.Count != 2)
                            throw Unsupported(node, "a Mul is read only as the scale of a one-output network's value, after its last Linear layer");
                        targetScale = Vector(node, node.Input[node.Input[0] == current ? 1 : 0], 1)[0];
                        break;
                    case "Identity":
                        break;
                    case "Softmax" or "LogSoftmax":
                        if (last is null || last.Activation is not null) throw Unsupported(node, "it must come straight after the last Linear layer");
                        var axis = Int(node, "axis", opset >= 13 ? -1 : 1);
                        if (axis is not (1 or -1)) throw Unsupported(node, $"axis {axis}: only the class axis (1 or -1) is read");
                        softmax = node;
                        break;
                    default:
                        if (last is null) throw Unsupported(node, "an activation before any Linear layer is not read");
                        if (last.Activation is not null) throw Unsupported(node, $"it follows another activation ({last.Activation.Value.ToName()}); each Linear layer has one");
                        last.Activation = Activation(node);
                        break;
                }
                current = node.Output[0];
            }

            if (graph.Output[0].Name != current) throw Fail($"the output '{graph.Output[0].Name}' is not the end of the chain '{current}'");
            if (layers.Count == 0) throw Fail("no Linear layer (Gemm or MatMul) found");
            var output = layers[^1];
            var regression = output.Outputs == 1;
            if (output.Activation is { } a && a != Core.Model.Activation.Linear)
            {
                throw Fail(regression
                    ? $"the last Linear layer, of one output, is followed by {a.ToName()}; Warpscope reads a one-output network's last Linear layer as a regression's value, with no activation after it"
                    : $"the last Linear layer is followed by {a.ToName()}; Warpscope reads the last Linear layer's outputs as class scores (logits), optionally through Softmax");
            }
            if (regression && softmax is not null)
                throw Fail($"the last Linear layer has one output, and a {softmax.OpType} of one score is constant; a classifier needs one score per class (2 to {NetworkSpec.MaxClasses}), a regression no {softmax.OpType}");
            if (output.Outputs > NetworkSpec.MaxClasses)
                throw Fail($"the last Linear layer has {output.Outputs} outputs; Warpscope needs one score per class (2 to {NetworkSpec.MaxClasses}), as CrossEntropyLoss trains, or one value (a regression)");
            var target = new TargetScaling(targetOffset ?? 0, targetScale ?? 1);
            if (target.Scale == 0)
                throw Fail($"the regression's value is scaled by {target.Scale.ToString(CultureInfo.InvariantCulture)}, which leaves nothing of it");

            if (features is not (2 or 3)) throw Fail($"the input has {features} features; Warpscope reads points of the plane (2 features) or of space (3)");
            var hidden = layers.Take(layers.Count - 1).ToList();
            NetworkSpec spec;
            try
            {
                spec = new NetworkSpec(
                    [.. hidden.Select(l => l.Outputs)],
                    [.. hidden.Select(l => l.Activation ?? Core.Model.Activation.Linear)],
                    features == 3 ? NetworkSpec.SpaceFeatures : NetworkSpec.PlainFeatures,
                    output.Outputs,
                    regression ? LearningTask.Regression : LearningTask.Classification)
                {
                    Target = target,
                    Scaling = mean is null && scale is null
                        ? InputScaling.Identity
                        : new InputScaling(mean?[0] ?? 0, mean?[1] ?? 0, scale?[0] ?? 1, scale?[1] ?? 1)
                        {
                            OffsetZ = features == 3 ? mean?[2] ?? 0 : 0,
                            ScaleZ = features == 3 ? scale?[2] ?? 1 : 1,
                        },
                };
            }
            catch (UserInputException e)
            {
                throw Fail(e.Message);
            }
            var network = new Network(spec, new float[Network.CountParameters(spec)]);
            foreach (var (layer, read) in network.Layers.Zip(layers))
            {
                read.Weights.CopyTo(network.Weights(layer.Index));
                read.Biases.CopyTo(network.Biases(layer.Index));
            }
            return new TrainedModel(network, regression ? ValueName() : ClassNames(output.Outputs));
        }

        /// <summary>Y = α·A·op(B) + β·C with op(B) = Bᵀ when transB (torch's Linear: B = W: [out][in]).</summary>
        private Affine Gemm(NodeProto node, int width)
        {
            if (Int(node, "transA", 0) != 0) throw Unsupported(node, "transA = 1 is not read");
            var transB = Int(node, "transB", 0) != 0;
            var alpha = Float(node, "alpha", 1f);
            var beta = Float(node, "beta", 1f);
            var (b, dims) = Matrix(node, node.Input[1]);
            var (inputs, outputs) = transB ? (dims[1], dims[0]) : (dims[0], dims[1]);
            if (inputs != width) throw Unsupported(node, $"its weights take {inputs} inputs, the value before has {width}");
            var affine = new Affine(transB ? b : Transpose(b, dims[0], dims[1]), inputs, outputs);
            if (alpha != 1f) for (var i = 0; i < affine.Weights.Length; i++) affine.Weights[i] *= alpha;
            if (node.Input.Count > 2 && node.Input[2].Length > 0)
            {
                affine.Biases = Vector(node, node.Input[2], outputs);
                if (beta != 1f) for (var i = 0; i < outputs; i++) affine.Biases[i] *= beta;
                affine.HasBias = true;
            }
            return affine;
        }

        /// <summary>Y = A·B with B: [in][out] (torch's Linear on inputs of rank other than 2); its bias is the Add after it.</summary>
        private Affine MatMul(NodeProto node, int width)
        {
            var (b, dims) = Matrix(node, node.Input[1]);
            if (dims[0] != width) throw Unsupported(node, $"its weights take {dims[0]} inputs, the value before has {width}");
            return new Affine(Transpose(b, dims[0], dims[1]), dims[0], dims[1]);
        }

        private Activation Activation(NodeProto node) => node.OpType switch
        {
            "Tanh" => Core.Model.Activation.Tanh,
            "Relu" => Core.Model.Activation.Relu,
            "Sigmoid" => Core.Model.Activation.Sigmoid,
            "Softplus" => Core.Model.Activation.Softplus,
            "Sin" => Core.Model.Activation.Sine,
            "LeakyRelu" => Float(node, "alpha", 0.01f) == 0.01f
                ? Core.Model.Activation.LeakyRelu
                : throw Unsupported(node, $"negative slope {Float(node, "alpha", 0.01f).ToString(CultureInfo.InvariantCulture)}: Warpscope's LeakyReLU has PyTorch's default slope 0.01 only"),
            _ => throw Unsupported(node, "not an activation"),
        };

        /// <summary>The number of features of the [batch, features] input.</summary>
        private int InputWidth(ValueInfoProto input)
        {
            var tensor = input.Type?.TensorType;
            if (tensor is null) throw Fail($"the input '{input.Name}' is not a tensor");
            if (tensor.ElemType != (int)TensorProto.Types.DataType.Float) throw Fail($"the input '{input.Name}' is not float32 (element type {tensor.ElemType})");
            var dims = tensor.Shape?.Dim;
            if (dims is null || dims.Count != 2 || !dims[1].HasDimValue)
                throw Fail($"the input '{input.Name}' must have shape [batch, features] with a fixed number of features");
            return (int)dims[1].DimValue;
        }

        /// <summary>A float matrix constant: values row-major and its two dims.</summary>
        private (float[] Values, int[] Dims) Matrix(NodeProto node, string input)
        {
            var t = Constant(node, input);
            if (t.Dims.Count != 2) throw Unsupported(node, $"its weights '{input}' have {t.Dims.Count} dimensions, not 2");
            if (t.Dims.Any(d => d is < 1 or > NetworkSpec.MaxUnits)) throw Unsupported(node, $"its weights '{input}' have shape [{string.Join(", ", t.Dims)}] (1 to {NetworkSpec.MaxUnits} each)");
            var dims = t.Dims.Select(d => (int)d).ToArray();
            return (Floats(node, t, dims[0] * dims[1]), dims);
        }

        /// <summary>A bias constant of n values, shape [n] or [1, n].</summary>
        private float[] Vector(NodeProto node, string input, int n)
        {
            var t = Constant(node, input);
            var count = t.Dims.Aggregate(1L, (p, d) => p * d);
            if (count != n || t.Dims.Count(d => d != 1) > 1) throw Unsupported(node, $"its bias '{input}' has shape [{string.Join(", ", t.Dims)}], expected [{n}]");
            return Floats(node, t, n);
        }

        private TensorProto Constant(NodeProto node, string input) =>
            _constants.TryGetValue(input, out var t) ? t : throw Unsupported(node, $"its parameter '{input}' is not a constant (an initializer)");

        private float[] Floats(NodeProto node, TensorProto t, int n)
        {
            if (t.DataType != (int)TensorProto.Types.DataType.Float) throw Unsupported(node, $"'{t.Name}' is not float32 (data type {t.DataType})");
            if (t.DataLocation == TensorProto.Types.DataLocation.External) throw Unsupported(node, $"'{t.Name}' is stored outside the file (external data)");
            float[] values;
            if (t.FloatData.Count > 0) values = [.. t.FloatData];
            else if (t.RawData.Length == 4 * n)
            {
                values = new float[n];
                Buffer.BlockCopy(t.RawData.ToByteArray(), 0, values, 0, 4 * n);
                if (!BitConverter.IsLittleEndian) throw Unsupported(node, "raw data on a big-endian machine");
            }
            else throw Unsupported(node, $"'{t.Name}' holds {t.RawData.Length / 4} floats, expected {n}");
            if (values.Length != n) throw Unsupported(node, $"'{t.Name}' holds {values.Length} floats, expected {n}");
            var bad = Array.FindIndex(values, v => !float.IsFinite(v));
            if (bad >= 0) throw Unsupported(node, $"'{t.Name}'[{bad}] is {values[bad]}, not a finite number");
            return values;
        }

        private static float[] Transpose(float[] m, int rows, int columns)
        {
            var t = new float[m.Length];
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < columns; c++) t[c * rows + r] = m[r * columns + c];
            return t;
        }

        private long Int(NodeProto node, string attribute, long fallback) =>
            node.Attribute.FirstOrDefault(a => a.Name == attribute) is { } a ? a.I : fallback;

        private float Float(NodeProto node, string attribute, float fallback) =>
            node.Attribute.FirstOrDefault(a => a.Name == attribute) is { } a ? a.F : fallback;

        /// <summary>A regression's one name, the target's: the one <see cref="OnnxExport"/> kept, else "value".</summary>
        private IReadOnlyList<string> ValueName() => Kept(1) ?? ["value"];

        /// <summary>The names <see cref="OnnxExport"/> kept, else "class 0", "class 1", ….</summary>
        private IReadOnlyList<string> ClassNames(int classes) => Kept(classes) ?? [.. Enumerable.Range(0, classes).Select(c => $"class {c}")];

        /// <summary>The <paramref name="count"/> distinct names kept in the metadata by <see cref="OnnxExport"/>, or null.</summary>
        private string[]? Kept(int count)
        {
            var kept = model.MetadataProps.FirstOrDefault(p => p.Key == ClassesKey)?.Value;
            if (kept is not null)
            {
                try
                {
                    var names = JsonSerializer.Deserialize<string[]>(kept);
                    if (names is not null && names.Length == count && names.Distinct().Count() == count && names.All(n => n.Length > 0)) return names;
                }
                catch (JsonException)
                {
                    // Metadata that does not read is ignored: the weights alone define the model.
                }
            }
            return null;
        }

        private UserInputException Unsupported(NodeProto node, string why) =>
            Fail($"node '{(node.Name.Length > 0 ? node.Name : node.Output.FirstOrDefault() ?? "?")}' ({node.OpType}) is not supported: {why}");

        private UserInputException Fail(string problem) => new(string.Create(CultureInfo.InvariantCulture, $"{name}: {problem}"));
    }
}
