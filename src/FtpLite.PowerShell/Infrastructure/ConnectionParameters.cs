using System.Globalization;
using System.Management.Automation;
using FtpLite.Client;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>
/// The one place that turns a cmdlet's connection parameters (-Server, -Port, -Credential) into the library's
/// <see cref="FtpClientOptions"/>. Connection settings added later (FTPS, timeouts) belong here, so that Connect-FtpLite
/// and every one-shot client cmdlet learn them at once.
/// </summary>
internal sealed class ConnectionParameters
{
    /// <summary>Standard FTP's port. FtpLite's own server defaults to 8080; its Url (or the server object) carries the port.</summary>
    public const int DefaultPort = 21;

    public ConnectionParameters(string server, int? port, PSCredential? credential)
    {
        Server = server;
        Port = port;
        Credential = credential;
    }

    /// <summary>A host name, an address, "host:port", "[v6]:port" or an ftp:// URL.</summary>
    public string Server { get; }

    /// <summary>-Port when given: it wins over a port in <see cref="Server"/>.</summary>
    public int? Port { get; }

    /// <summary>Null for an anonymous login.</summary>
    public PSCredential? Credential { get; }

    /// <summary>Throws <see cref="ArgumentException"/> when the server cannot be read or an option cannot work.</summary>
    public FtpClientOptions ToClientOptions()
    {
        var (host, portInServer) = SplitServer(Server);
        var options = new FtpClientOptions(host, Port ?? portInServer ?? DefaultPort);
        if (Credential is not null)
        {
            options.UserName = Credential.UserName;
            options.Password = Credential.GetNetworkCredential().Password ?? string.Empty;
        }
        options.Validate();
        return options;
    }

    /// <summary>Reads "ftp://host:port/", "host:port", "[::1]:port" or a bare host.</summary>
    internal static (string Host, int? Port) SplitServer(string server)
    {
        var text = server.Trim();
        if (text.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("ftps://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
                throw new ArgumentException($"'{server}' is not a server address or ftp:// URL.");
            if (uri.AbsolutePath.Length > 1)
                throw new ArgumentException($"'{server}' names a path; give the server only, and the path to the cmdlet.");
            var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
            return (host, uri.IsDefaultPort || uri.Port < 0 ? null : uri.Port);
        }
        if (text.StartsWith("[", StringComparison.Ordinal))
        {
            var close = text.IndexOf(']');
            if (close < 0) throw new ArgumentException($"'{server}' is not a server address: the ']' is missing.");
            var host = text.Substring(1, close - 1);
            var rest = text.Substring(close + 1);
            if (rest.Length == 0) return (host, null);
            if (rest[0] != ':') throw new ArgumentException($"'{server}' is not a server address.");
            return (host, ParsePort(rest.Substring(1), server));
        }
        var colon = text.IndexOf(':');
        // More than one colon without brackets is a bare IPv6 address.
        if (colon < 0 || text.IndexOf(':', colon + 1) >= 0) return (text, null);
        return (text.Substring(0, colon), ParsePort(text.Substring(colon + 1), server));
    }

    private static int ParsePort(string text, string server)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535)
            throw new ArgumentException($"'{server}' has no port from 1 to 65535 after the colon.");
        return port;
    }
}
