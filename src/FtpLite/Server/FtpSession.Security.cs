using System.Net.Security;
using FtpLite.Protocol;
using FtpLite.Server.Data;
using FtpLite.Tls;

namespace FtpLite.Server;

/// <summary>Explicit and implicit FTPS (RFC 4217): AUTH TLS on the control connection, PBSZ and PROT for the data.</summary>
internal sealed partial class FtpSession
{
    private bool _tls;
    private bool _protectionBufferSizeSet;
    private bool _protectData;

    private static bool AllowedBeforeTls(string verb) => verb is "AUTH" or "FEAT" or "QUIT";

    private async Task AuthAsync(FtpCommandLine command)
    {
        var mechanism = command.Argument.Trim().ToUpperInvariant();
        if (_options.Certificate is null)
        {
            await ReplyAsync(502, "TLS is not configured on this server.").ConfigureAwait(false);
            return;
        }
        if (mechanism is not ("TLS" or "TLS-C" or "SSL" or "TLS-P"))
        {
            await ReplyAsync(504, "Only AUTH TLS is supported.").ConfigureAwait(false);
            return;
        }
        if (_tls)
        {
            await ReplyAsync(503, "TLS is already in use.").ConfigureAwait(false);
            return;
        }
        if (_reader.HasBufferedData)
        {
            // Plain-text commands queued behind AUTH would be read as if they came over TLS (the STARTTLS injection).
            await ReplyAsync(503, "Commands sent before the TLS handshake are refused; closing.").ConfigureAwait(false);
            _quitRequested = true;
            return;
        }
        await ReplyAsync(234, "AUTH TLS successful; start the handshake.").ConfigureAwait(false);
        await StartTlsAsync().ConfigureAwait(false);
        LogOut(); // RFC 4217 section 4: a new security state starts a new login.
        if (mechanism is "SSL" or "TLS-P") _protectData = true; // The old drafts' spellings implied protected data.
    }

    private Task PbszAsync(FtpCommandLine command)
    {
        if (!_tls) return ReplyAsync(503, "Send AUTH TLS first.");
        _protectionBufferSizeSet = true;
        return ReplyAsync(200, "PBSZ=0"); // TLS does its own framing: the only buffer size is 0.
    }

    private Task ProtAsync(FtpCommandLine command)
    {
        if (!_protectionBufferSizeSet) return ReplyAsync(503, "Send PBSZ 0 first.");
        switch (command.Argument.Trim().ToUpperInvariant())
        {
            case "P":
                _protectData = true;
                return ReplyAsync(200, "Data connections will be protected.");
            case "C" when _options.RequireTls:
                return ReplyAsync(534, "Clear data connections are refused on this server.");
            case "C":
                _protectData = false;
                return ReplyAsync(200, "Data connections will be clear.");
            default:
                return ReplyAsync(536, "Only PROT P and PROT C are supported.");
        }
    }

    private async Task StartImplicitTlsAsync()
    {
        await StartTlsAsync().ConfigureAwait(false);
        _protectionBufferSizeSet = true;
        _protectData = true; // Implicit FTPS protects everything unless the client asks for PROT C.
    }

    private async Task StartTlsAsync()
    {
        // No reply may be written while the stream is being replaced.
        await _writeLock.WaitAsync(_closing.Token).ConfigureAwait(false);
        try
        {
            _stream = await TlsStreams.AuthenticateAsServerAsync(_stream, _options.Certificate!, _options.TlsHandshakeTimeout, _closing.Token).ConfigureAwait(false);
            _reader.SwitchTo(_stream);
            _tls = true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// The data connection's TLS handshake. SslStream says nothing about whether the client resumed the control
    /// connection's TLS session, so reuse cannot be enforced (as vsftpd's require_ssl_reuse does); see the README.
    /// </summary>
    private Task<SslStream> ProtectAsync(Stream data, Transfer transfer) =>
        TlsStreams.AuthenticateAsServerAsync(TlsStreams.GatherRecords(data), _options.Certificate!, _options.TlsHandshakeTimeout, transfer.Token, dataConnection: true);
}
