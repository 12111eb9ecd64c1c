using System.Text.Json;
using Google.Protobuf;
using Onnx;
using Warpscope.Core;
using Warpscope.Core.IO;
using Warpscope.Core.Model;
using Warpscope.Core.Training;

namespace Warpscope.Onnx;

/// <summary>
/// Writes a Warpscope model as ONNX (opset 13): input "points" [batch, 2], one Gemm (transB = 1, W: [out][in]
/// as torch's Linear keeps it) and one activation node per hidden layer, the output layer's Gemm, then
/// Softmax into "probabilities" [batch, classes]. A standardised model begins with Sub (the mean) and Div (the
/// scale), computed in float as Warpscope computes them, so onnxruntime takes points in the data's own units.
/// A regression model ends instead with its output layer's Gemm, then Mul (the target's scale) and Add (its
/// mean) when its target was standardised, into "value" [batch, 1], in the target's units; no Softmax.
/// The class names ride along as metadata, so
/// <see cref="OnnxImport"/> reads back the same model. Only models fed the plain (x, y) input are written:
/// the derived features (x², sin x, …) would need nodes outside the subset that the importer reads.
/// </summary>
public static class OnnxExport
{
    public const int Opset = 13;
    public const string InputName = "points";
    public const string OutputName = "probabilities";
    public const string ValueName = "value";

    public static void Save(string path, TrainedModel model)
    {
        var proto = Build(model);
        AtomicFile.Write(path, stream => proto.WriteTo(stream));
    }

    public static ModelProto Build(TrainedModel model)
    {
        var network = model.Network;
        if (!network.Spec.Features.SequenceEqual(NetworkSpec.PlainFeatures) && !network.Spec.Features.SequenceEqual(NetworkSpec.SpaceFeatures))
        {
            throw new UserInputException(
                $"export: the model's input features are {string.Join(", ", network.Spec.Features.Select(f => f.ToName()))}; ONNX export writes models fed the plain x, y (or x, y, z) only (train with --features x,y)");
        }
        var graph = new GraphProto { Name = "warpscope-mlp" };
        graph.Input.Add(Tensor(InputName, network.InputCount));
        var current = InputName;
        if (network.Spec.Scaling is { IsIdentity: false } scaling)
        {
            float[] mean = network.InputCount == 3 ? [scaling.OffsetX, scaling.OffsetY, scaling.OffsetZ] : [scaling.OffsetX, scaling.OffsetY];
            float[] scale = network.InputCount == 3 ? [scaling.ScaleX, scaling.ScaleY, scaling.ScaleZ] : [scaling.ScaleX, scaling.ScaleY];
            graph.Initializer.Add(Floats("input.mean", mean, mean.Length));
            graph.Initializer.Add(Floats("input.scale", scale, scale.Length));
            graph.Node.Add(new NodeProto { Name = "input/Sub", OpType = "Sub", Input = { current, "input.mean" }, Output = { "input.centred" } });
            graph.Node.Add(new NodeProto { Name = "input/Div", OpType = "Div", Input = { "input.centred", "input.scale" }, Output = { "input.standardised" } });
            current = "input.standardised";
        }
        foreach (var layer in network.Layers)
        {
            var prefix = $"layer{layer.Index + 1}";
            graph.Initializer.Add(Floats($"{prefix}.weight", network.Weights(layer.Index), layer.Outputs, layer.Inputs));
            graph.Initializer.Add(Floats($"{prefix}.bias", network.Biases(layer.Index), layer.Outputs));
            var gemm = new NodeProto { Name = $"{prefix}/Gemm", OpType = "Gemm", Input = { current, $"{prefix}.weight", $"{prefix}.bias" }, Output = { $"{prefix}.z" } };
            gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            graph.Node.Add(gemm);
            current = $"{prefix}.z";
            if (layer.IsOutput && network.Spec.IsRegression)
            {
                current = Rescaled(graph, current, network.Spec.Target);
                break;
            }
            var op = layer.IsOutput ? "Softmax" : OpType(layer.Activation);
            if (op is null) continue;
            var output = layer.IsOutput ? OutputName : $"{prefix}.a";
            var node = new NodeProto { Name = $"{prefix}/{op}", OpType = op, Input = { current }, Output = { output } };
            if (op == "LeakyRelu") node.Attribute.Add(new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 0.01f });
            if (op == "Softmax") node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            graph.Node.Add(node);
            current = output;
        }
        graph.Output.Add(Tensor(network.Spec.IsRegression ? ValueName : OutputName, network.ClassCount));
        var proto = new ModelProto
        {
            IrVersion = 7,
            ProducerName = "warpscope",
            Graph = graph,
            DocString = $"Warpscope MLP {network.Spec}",
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = OnnxImport.ClassesKey, Value = JsonSerializer.Serialize(model.ClassNames) });
        return proto;
    }

    /// <summary>A regression's output z into "value": z·Scale + Offset (Mul, then Add, as TargetScaling.Apply computes it), or an Identity node when not standardised.</summary>
    private static string Rescaled(GraphProto graph, string z, TargetScaling target)
    {
        if (target.IsIdentity)
        {
            graph.Node.Add(new NodeProto { Name = "output/Identity", OpType = "Identity", Input = { z }, Output = { ValueName } });
            return ValueName;
        }
        graph.Initializer.Add(Floats("target.scale", [target.Scale], 1));
        graph.Initializer.Add(Floats("target.mean", [target.Offset], 1));
        graph.Node.Add(new NodeProto { Name = "output/Mul", OpType = "Mul", Input = { z, "target.scale" }, Output = { "output.scaled" } });
        graph.Node.Add(new NodeProto { Name = "output/Add", OpType = "Add", Input = { "output.scaled", "target.mean" }, Output = { ValueName } });
        return ValueName;
    }

    /// <summary>The ONNX op of a hidden activation; null for the identity, which needs no node.</summary>
    private static string? OpType(Activation activation) => activation switch
    {
        Activation.Tanh => "Tanh",
        Activation.Relu => "Relu",
        Activation.LeakyRelu => "LeakyRelu",
        Activation.Sigmoid => "Sigmoid",
        Activation.Softplus => "Softplus",
        Activation.Sine => "Sin",
        Activation.Linear => null,
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>A float tensor [batch, width] with a named (dynamic) batch dimension.</summary>
    private static ValueInfoProto Tensor(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    private static TensorProto Floats(string name, ReadOnlySpan<float> values, params int[] dims)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        // ONNX raw data is little-endian; so is every machine .NET runs Warpscope on (checked on import).
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(bytes);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        foreach (var d in dims) tensor.Dims.Add(d);
        return tensor;
    }
}
