using System.Globalization;
using FtpLite.Client;

namespace FtpLite.PowerShell;

/// <summary>
/// A connection made by Connect-FtpLite: where it goes, who logged in, what the server offers. Properties are read
/// live from the client, so a kept object shows when the server has hung up.
/// </summary>
public sealed class FtpLiteSession
{
    internal FtpLiteSession(int id, FtpClient client, Guid owner)
    {
        Id = id;
        Client = client;
        Owner = owner;
        // The scheme says the encryption, so Connect-FtpLite $session.Url connects the same way again.
        var scheme = client.Options.Encryption switch
        {
            FtpEncryption.Implicit => "ftps",
            FtpEncryption.Explicit => "ftpes",
            _ => "ftp",
        };
        Url = string.Format(CultureInfo.InvariantCulture, "{0}://{1}:{2}/", scheme,
            client.Options.Host.IndexOf(':') >= 0 ? "[" + client.Options.Host + "]" : client.Options.Host, client.Options.Port);
    }

    /// <summary>A number unique in this process.</summary>
    public int Id { get; }

    /// <summary>The host name or address as given.</summary>
    public string Server => Client.Options.Host;

    public int Port => Client.Options.Port;

    public string UserName => Client.Options.UserName;

    public string Url { get; }

    /// <summary>The features the server announced (FEAT), upper-case.</summary>
    public string[] Features => Client.Features.Names.OrderBy(n => n, StringComparer.Ordinal).ToArray();

    /// <summary>The remote directory relative paths are resolved against.</summary>
    public string WorkingDirectory => Client.WorkingDirectory;

    /// <summary>The server's 220 greeting.</summary>
    public string Greeting => Client.Greeting.Message;

    /// <summary>
    /// True while the control connection works. Checked on every read: free when the connection is idle and quiet; when
    /// the server has since said goodbye (421) or hung up, one NOOP finds out (at most 2 s), so a kept session whose
    /// server has gone shows False instead of the True of its last command.
    /// </summary>
    public bool IsConnected => Client.CheckConnection(ProbeTimeout);

    /// <summary>True for the session the client cmdlets use when given neither -Session nor -Server.</summary>
    public bool IsDefault => Infrastructure.SessionRegistry.IsDefault(this);

    /// <summary>None, Explicit or Implicit: the FTPS asked for.</summary>
    public FtpEncryption Encryption => Client.Options.Encryption;

    /// <summary>True when the control connection speaks TLS.</summary>
    public bool IsEncrypted => Client.IsEncrypted;

    /// <summary>True when data connections (listings and files) are TLS too (PROT P).</summary>
    public bool IsDataProtected => Client.IsDataProtected;

    internal FtpClient Client { get; }

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The runspace that connected: its default session, and closed with it.</summary>
    internal Guid Owner { get; }

    public override string ToString() => UserName + "@" + Url;
}
