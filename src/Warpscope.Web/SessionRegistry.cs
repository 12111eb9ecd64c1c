using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

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

    public void Remove(LiveSession session) => _sessions.TryRemove(session.Id, out _);
}
