using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Warpscope.Core.Sessions;

namespace Warpscope.Web;

/// <summary>The live sessions, at most <see cref="WebLimits.MaxSessions"/> at once; each leaves when its page closes.</summary>
public sealed class SessionRegistry(WebLimits limits)
{
    private readonly ConcurrentDictionary<string, LiveSession> _sessions = new();
    private readonly Lock _gate = new();

    public int Count => _sessions.Count;
    public int Capacity => limits.MaxSessions;

    /// <summary>Registers a new session unless the server is full.</summary>
    public bool TryAdd(Func<string, LiveSession> create, [NotNullWhen(true)] out LiveSession? session)
    {
        lock (_gate)
        {
            session = null;
            if (_sessions.Count >= limits.MaxSessions) return false;
            // An unguessable id: exports are reachable only by the page that holds it.
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            session = create(id);
            _sessions[id] = session;
            return true;
        }
    }

    public bool TryGet(string id, [NotNullWhen(true)] out LiveSession? session) => _sessions.TryGetValue(id, out session);

    /// <summary>
    /// Takes a closed page's session out. When the last one leaves, the memory the sessions' frames and
    /// pools held goes back to the system (the engine's scratch let go of, then a compacting collection off the request's thread): 30 pages
    /// left the process at 426 MB, five times its idle size (issue 13).
    /// </summary>
    public void Remove(LiveSession session)
    {
        if (!_sessions.TryRemove(session.Id, out _) || !_sessions.IsEmpty) return;
        _ = Task.Run(() =>
        {
            if (!_sessions.IsEmpty) return;
            ScratchMemory.Release();
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        });
    }
}
