namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// The stock servers the client is tested against, by name, plain and with explicit FTPS: what a theory's
/// MemberData lists and what starts one. Every one serves a fresh scratch root on 127.0.0.1.
/// </summary>
public static class StockPeers
{
    public const string Vsftpd = "vsftpd";
    public const string VsftpdTls = "vsftpd FTPS";
    public const string PureFtpd = "pure-ftpd";
    public const string PureFtpdTls = "pure-ftpd FTPS";
    public const string ProFtpd = "ProFTPD";
    public const string ProFtpdTls = "ProFTPD FTPS";
    public const string PyFtpdLib = "pyftpdlib";
    public const string PyFtpdLibTls = "pyftpdlib FTPS";

    public static TheoryData<string> All => new(Vsftpd, VsftpdTls, PureFtpd, PureFtpdTls, ProFtpd, ProFtpdTls, PyFtpdLib, PyFtpdLibTls);

    /// <summary>
    /// Starts the named peer, or skips the test (fails it under FTPLITE_REQUIRE_PEERS=1) when it cannot run here.
    /// vsftpd's FTPS insists that data connections resume the TLS session (require_ssl_reuse), as ProFTPD's does.
    /// </summary>
    public static async Task<IFtpPeer> StartAsync(string name, CancellationToken cancellationToken) => name switch
    {
        Vsftpd => await VsftpdServer.StartAsync(cancellationToken),
        VsftpdTls => await VsftpdServer.StartAsync(cancellationToken, new Peers.VsftpdTls()),
        PureFtpd => await PureFtpdServer.StartAsync(cancellationToken),
        PureFtpdTls => await PureFtpdServer.StartAsync(cancellationToken, tls: true),
        ProFtpd => await ProFtpdServer.StartAsync(cancellationToken),
        ProFtpdTls => await ProFtpdServer.StartAsync(cancellationToken, tls: true),
        PyFtpdLib => await PyFtpdLibServer.StartAsync(cancellationToken),
        PyFtpdLibTls => await PyFtpdLibServer.StartAsync(cancellationToken, tls: true),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a stock peer."),
    };
}
