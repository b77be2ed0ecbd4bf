using FtpLite.Protocol;

namespace FtpLite.Client;

/// <summary>FTPS (RFC 4217): AUTH TLS on the control connection, PBSZ 0 and PROT P, and TLS on every data connection.</summary>
public sealed partial class FtpClient
{
    private bool _protectData;

    /// <summary>True when the control connection speaks TLS.</summary>
    public bool IsEncrypted => _control.IsTls;

    /// <summary>True when data connections are wrapped in TLS (PROT P).</summary>
    public bool IsDataProtected => _protectData;

    /// <summary>AUTH TLS before anything else: a server that refuses it gets no plain-text login, the client gives up.</summary>
    private async Task AuthTlsAsync(CancellationToken cancellationToken)
    {
        var reply = await CommandAsync("AUTH TLS", cancellationToken).ConfigureAwait(false);
        if (reply.Code == 234)
        {
            await _control.StartTlsAsync(Options, cancellationToken).ConfigureAwait(false);
            return;
        }
        throw new FtpException(reply.IsTransientFailure ? FtpErrorKind.CommandFailed : FtpErrorKind.NotSupported,
            $"{Options.Host}:{Options.Port} refused AUTH TLS ({reply.Code} {reply.Message}), so it offers no explicit FTPS; " +
            "the connection was closed instead of continuing in plain text.", reply);
    }

    /// <summary>PBSZ 0 then PROT P (RFC 4217 section 9): from now on every data connection is TLS.</summary>
    private async Task ProtectDataConnectionsAsync(CancellationToken cancellationToken)
    {
        await ExpectAsync("PBSZ 0", r => r.IsSuccess, commandNamesPath: false, cancellationToken).ConfigureAwait(false);
        await ExpectAsync("PROT P", r => r.IsSuccess, commandNamesPath: false, cancellationToken).ConfigureAwait(false);
        _protectData = true;
    }

    /// <summary>Keeps the data protection level in step with a raw PROT sent through <see cref="ExecuteAsync"/>.</summary>
    private void TrackProt(string command, FtpReply reply)
    {
        if (!reply.IsSuccess || !command.StartsWith("PROT ", StringComparison.OrdinalIgnoreCase)) return;
        _protectData = command.Substring(5).Trim().Equals("P", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The data connection's handshake, after the server's 150. When it fails the server's reply says why
    /// (vsftpd: 522 when the session was not resumed), and that reply is what the caller sees.
    /// </summary>
    private async Task SecureDataAsync(FtpDataConnection data, string command, CancellationToken cancellationToken)
    {
        try
        {
            await data.StartTlsAsync(_control.TlsHost, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException || (e is FtpException f && f.Kind == FtpErrorKind.CertificateRejected))
        {
            data.Abort();
            await AbortTransferAsync().ConfigureAwait(false);
            throw;
        }
        catch (FtpException)
        {
            data.Abort();
            var reply = await _control.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (!reply.IsSuccess) throw TransferRefused(command, reply);
            throw;
        }
    }

    /// <summary>The error for a transfer the server failed; a refusal for want of TLS session reuse says what helps.</summary>
    private FtpException TransferRefused(string command, FtpReply reply)
    {
        var error = FtpException.FromReply(Describe(command), reply, commandNamesPath: true);
        var text = reply.Message;
        if (!_protectData || (text.IndexOf("reuse", StringComparison.OrdinalIgnoreCase) < 0 && text.IndexOf("resum", StringComparison.OrdinalIgnoreCase) < 0))
            return error;
        var hint = System.Net.IPAddress.TryParse(Options.TlsTargetHost, out _)
            ? " The server demands TLS session resumption on data connections, which .NET offers only under a host name: set TlsServerName to the name in the server's certificate."
            : " The server demands TLS session resumption on data connections and did not accept the session offered.";
        return new FtpException(error.Kind, error.Message + hint, reply);
    }
}
