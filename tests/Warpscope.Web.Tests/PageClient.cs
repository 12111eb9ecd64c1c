using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Warpscope.Web.Tests;

/// <summary>A test's stand-in for the page: sends JSON messages, receives state, errors and frames.</summary>
public sealed class PageClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<Message?> _inbox = Channel.CreateUnbounded<Message?>();
    private readonly Task _receiving;

    private readonly bool _headersOnly;

    private PageClient(ClientWebSocket socket, bool headersOnly)
    {
        _socket = socket;
        _headersOnly = headersOnly;
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    public WebSocketState State => _socket.State;

    /// <summary>The WebSocket extensions the server agreed to (permessage-deflate, say).</summary>
    public string Extensions => _socket.HttpResponseHeaders?.TryGetValue("Sec-WebSocket-Extensions", out var values) == true ? string.Join(", ", values) : "";
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>
    /// A page on <paramref name="uri"/>. With <paramref name="headersOnly"/> its frames are read only as far as
    /// their header (sequence, epoch, figures): the load test's pages, so that 30 of them in one process measure
    /// the server rather than the test's own decoding.
    /// </summary>
    public static async Task<PageClient> ConnectAsync(Uri uri, string origin, bool deflate = false, bool headersOnly = false)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.CollectHttpResponseDetails = true;
        if (deflate) socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions { ClientContextTakeover = false };
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new PageClient(socket, headersOnly);
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendBinaryAsync(byte[] bytes) => _socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None);

    /// <summary>The next message: a JSON document, a frame, or null when the socket closed; throws TimeoutException.</summary>
    public async Task<Message?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            return await _inbox.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no message");
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Messages that arrive within <paramref name="quiet"/> of each other, until none does.</summary>
    public async Task<List<Message>> DrainAsync(TimeSpan quiet)
    {
        var all = new List<Message>();
        while (true)
        {
            try
            {
                if (await ReceiveAsync(quiet) is { } m) all.Add(m);
                else return all;
            }
            catch (TimeoutException)
            {
                return all;
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length) Array.Resize(ref buffer, 2 * buffer.Length);
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    length += result.Count;
                } while (!result.EndOfMessage);
                await _inbox.Writer.WriteAsync(result.MessageType == WebSocketMessageType.Text
                    ? new Message(JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone(), null)
                    : new Message(null, _headersOnly ? FrameReader.Read(buffer, length, headerOnly: true) : FrameReader.Read(buffer[..length])));
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }

    /// <summary>Receives until a JSON message of this type arrives (acknowledging frames on the way).</summary>
    public async Task<JsonElement> ExpectAsync(string type, TimeSpan? timeout = null)
    {
        var end = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < end)
        {
            var m = await ReceiveAsync(end - DateTime.UtcNow) ?? throw new InvalidOperationException($"socket closed while waiting for '{type}'");
            if (m.Frame is { } f) await AckAsync(f);
            else if (m.Json!.Value.GetProperty("type").GetString() == type) return m.Json.Value;
            else if (type != "error" && m.Json.Value.GetProperty("type").GetString() == "error")
                throw new InvalidOperationException($"server error while waiting for '{type}': {m.Json.Value.GetProperty("message").GetString()}");
        }
        throw new TimeoutException($"no '{type}' message");
    }

    /// <summary>Receives until a frame arrives, acknowledging it.</summary>
    public async Task<Frame> NextFrameAsync(TimeSpan? timeout = null)
    {
        var end = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < end)
        {
            var m = await ReceiveAsync(end - DateTime.UtcNow) ?? throw new InvalidOperationException("socket closed while waiting for a frame");
            if (m.Frame is { } f)
            {
                await AckAsync(f);
                return f;
            }
            if (m.Json!.Value.GetProperty("type").GetString() is "error" or "diverged")
                throw new InvalidOperationException($"server said: {m.Json.Value.GetProperty("message").GetString()}");
        }
        throw new TimeoutException("no frame");
    }

    public Task AckAsync(Frame frame) => SendAsync(new { type = "ack", seq = frame.Sequence });

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", new CancellationTokenSource(2000).Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        await _receiving.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        _socket.Dispose();
    }

    public sealed record Message(JsonElement? Json, Frame? Frame);
}
