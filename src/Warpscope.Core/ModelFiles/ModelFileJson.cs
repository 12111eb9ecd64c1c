using System.Text.Json;
using System.Text.Json.Serialization;

namespace Warpscope.Core.ModelFiles;

/// <summary>The model file's source-generated reader and writer: camelCase fields, indented, nulls left out, comments and trailing commas allowed.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    Converters = [typeof(ModelFileFields.Floats), typeof(ModelFileFields.FiniteDouble)])]
[JsonSerializable(typeof(ModelFileFields.Header))]
[JsonSerializable(typeof(ModelFileFields.Model))]
internal sealed partial class ModelFileJson : JsonSerializerContext;
