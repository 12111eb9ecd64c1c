using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Warpscope.Web;

/// <summary>
/// Who may talk to the server (issue 13). Every request's Host must be one the server answers to — the
/// loopback names, the address it is bound to, this machine's own names and addresses when bound to all
/// of them, and any <c>--allowed-hosts</c> — so that a page of another site whose name was rebound to
/// 127.0.0.1 (DNS rebinding) is refused even though its Origin matches its Host. Bound beyond loopback, the
/// server also asks for a random access token, as Jupyter does: given once in the URL, kept in a cookie.
/// </summary>
public sealed class ServerAccess
{
    public const string CookieName = "warpscope-token";
    private readonly HashSet<string> _hosts;
    private readonly byte[]? _token;

    private ServerAccess(HashSet<string> hosts, string? token)
    {
        _hosts = hosts;
        Token = token;
        _token = token is null ? null : Encoding.UTF8.GetBytes(token);
    }

    /// <summary>The access token a request must bring, or null when none is asked (loopback, or --no-token).</summary>
    public string? Token { get; }

    /// <summary>
    /// The rules for a server bound to <paramref name="address"/>: a token unless bound to loopback or
    /// <paramref name="noToken"/>; <paramref name="token"/> or a fresh random one.
    /// </summary>
    public static ServerAccess For(IPAddress address, IEnumerable<string>? allowedHosts = null, string? token = null, bool noToken = false)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "::1", "[::1]" };
        foreach (var h in allowedHosts ?? []) if (!string.IsNullOrWhiteSpace(h)) hosts.Add(h.Trim());
        if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)) hosts.Add(Name(address));
        else
        {
            // Bound to every interface: this machine's own names and addresses are how the network reaches it.
            hosts.Add(Dns.GetHostName());
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses) hosts.Add(Name(unicast.Address));
        }
        var needsToken = !IPAddress.IsLoopback(address) && !noToken;
        if (token is not null && token.Length < 8) throw new Core.UserInputException("--token: use at least 8 characters");
        return new ServerAccess(hosts, needsToken ? token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : null);
    }

    private static string Name(IPAddress address) => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    /// <summary>Whether a request's Host names this server.</summary>
    public bool HostAllowed(HostString host) => host.HasValue && (_hosts.Contains(host.Host) || _hosts.Contains($"[{host.Host}]"));

    /// <summary>Whether the request brings the token (in its query or cookie), or none is needed; a token in the query is kept in a cookie.</summary>
    public bool Admit(HttpContext context)
    {
        if (_token is null) return true;
        if (Matches(context.Request.Cookies[CookieName])) return true;
        if (!Matches(context.Request.Query["token"])) return false;
        context.Response.Cookies.Append(CookieName, Token!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        return true;
    }

    private bool Matches(string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token);
}
