using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Warpscope.Core;

namespace Warpscope.Web;

/// <summary>
/// One page's live session over its WebSocket: the pump around a <see cref="SessionMachine"/>. A receive
/// loop only reads, validates and queues the page's messages; one loop hands them to the machine, asks it
/// for a frame whenever it wants one and the interval is over, and sends what it answers. At most
/// <see cref="SessionMachine.MaxInFlight"/> frames are unacknowledged, so a slow page gets fewer, newer
/// frames and nothing queues.
/// </summary>
public sealed class LiveSession(string id, WebSocket socket, WebLimits limits, WorkScheduler workers, ILogger log)
{
    private readonly SessionMachine _machine = new(id, limits, workers, log);
    private readonly Channel<object> _inbox = Channel.CreateBounded<object>(new BoundedChannelOptions(256) { SingleReader = true });

    public string Id => _machine.Id;

    /// <summary>Runs until the page closes the socket or <paramref name="cancel"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var receive = ReceiveAsync(stop.Token);
        try
        {
            await LoopAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
            // The page went away mid-send.
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await receive;
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
            }
        }
    }

    /// <summary>The session as the page sees it now, taken between two steps of the session loop.</summary>
    public async Task<SessionSnapshot> SnapshotAsync(CancellationToken cancel)
    {
        var request = new TaskCompletionSource<SessionSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inbox.Writer.WriteAsync(request, cancel);
        return await request.Task.WaitAsync(TimeSpan.FromSeconds(10), cancel);
    }

    private async Task ReceiveAsync(CancellationToken cancel)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var count = 0;
                var tooBig = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        if (buffer.Length < limits.MaxMessageBytes) Array.Resize(ref buffer, Math.Min(buffer.Length * 2, limits.MaxMessageBytes));
                        else
                        {
                            tooBig = true; // keep reading to the end of the message, dropping it
                            count = 0;
                        }
                    }
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), cancel);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    count += result.Count;
                } while (!result.EndOfMessage);

                object message = tooBig ? new ClientMessage.Invalid($"message too large; at most {limits.MaxMessageBytes} bytes")
                    : result.MessageType == WebSocketMessageType.Binary ? new ClientMessage.Invalid("binary messages are not accepted; send JSON text")
                    : ClientMessage.Parse(buffer.AsSpan(0, count), limits);
                await _inbox.Writer.WriteAsync(message, cancel);
            }
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }

    private async Task LoopAsync(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            while (_inbox.Reader.TryRead(out var message))
            {
                if (message is TaskCompletionSource<SessionSnapshot> request) Answer(request);
                else await SendAsync(await _machine.HandleAsync((ClientMessage)message, cancel), cancel);
            }
            if (_machine.WantsFrame)
            {
                var wait = _machine.UntilNextFrame;
                if (wait > TimeSpan.Zero)
                {
                    await Task.WhenAny(_inbox.Reader.WaitToReadAsync(cancel).AsTask(), Task.Delay(wait, cancel));
                    continue;
                }
                await SendAsync(await _machine.FrameAsync(cancel), cancel);
                continue;
            }
            if (!await _inbox.Reader.WaitToReadAsync(cancel)) return;
        }
    }

    private void Answer(TaskCompletionSource<SessionSnapshot> request)
    {
        try
        {
            request.SetResult(_machine.Snapshot());
        }
        catch (UserInputException e)
        {
            request.SetException(e);
        }
    }

    private async Task SendAsync(IReadOnlyList<SessionEffect> effects, CancellationToken cancel)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case SessionEffect.Reply reply:
                    // Text is never compressed: it carries the session id (see WarpscopeServer's accept).
                    await socket.SendAsync(WebJson.Serialize(reply.Message), WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression, cancel);
                    break;
                case SessionEffect.Frame frame:
                    await socket.SendAsync(frame.Bytes, WebSocketMessageType.Binary, true, cancel);
                    break;
            }
        }
    }
}
