using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Warpscope.Web;

/// <summary>
/// The page's own files, embedded in this assembly at build time. Only these names are ever served:
/// a request path is looked up in a fixed table, never joined onto a directory.
/// </summary>
public sealed class EmbeddedAssets
{
    private const string Prefix = "wwwroot/";
    private readonly Dictionary<string, (byte[] Bytes, string ContentType)> _files = new(StringComparer.Ordinal);

    public EmbeddedAssets()
    {
        var assembly = typeof(EmbeddedAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var path = name[Prefix.Length..].Replace('\\', '/');
            _files[path] = (memory.ToArray(), ContentType(path));
        }
    }

    public IEnumerable<string> Names => _files.Keys;

    /// <summary>Serves the asset at <paramref name="path"/> (relative to wwwroot), or 404.</summary>
    public IResult Serve(string path) =>
        _files.TryGetValue(path, out var file)
            ? Results.Bytes(file.Bytes, file.ContentType)
            : Results.NotFound();

    private static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
