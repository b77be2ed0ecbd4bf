using System.Globalization;
using FtpLite.Protocol;
using FtpLite.Protocol.Listing;
using FtpLite.Client.Listing;

namespace FtpLite.Client;

/// <summary>Single-item commands: SIZE, MDTM, MFMT, MKD, RMD, DELE, RNFR + RNTO.</summary>
public sealed partial class FtpClient
{
    /// <summary>The file's size in bytes (SIZE, RFC 3659). A missing file is an <see cref="FtpErrorKind.NotFound"/> error.</summary>
    public Task<long> GetSizeAsync(string path, CancellationToken cancellationToken = default)
    {
        CheckPath(path);
        return RunAsync(async token =>
        {
            var reply = await ExpectAsync("SIZE " + path, r => r.Code == 213, commandNamesPath: true, token).ConfigureAwait(false);
            return ParseSize(reply);
        }, cancellationToken);
    }

    /// <summary>The file's last modification in UTC (MDTM, RFC 3659).</summary>
    public Task<DateTime> GetModifiedTimeAsync(string path, CancellationToken cancellationToken = default)
    {
        CheckPath(path);
        return RunAsync(async token =>
        {
            var reply = await ExpectAsync("MDTM " + path, r => r.Code == 213, commandNamesPath: true, token).ConfigureAwait(false);
            return MlsxParser.ParseTimeValue(reply.Message)
                ?? throw new FtpException(FtpErrorKind.ProtocolError, $"MDTM answered with no time: {reply.Message}", reply);
        }, cancellationToken);
    }

    /// <summary>
    /// Sets a file's last modification time (MFMT, draft-somers-ftp-mfxx), in whole seconds: servers keep no more, and
    /// some refuse a fraction. A server whose FEAT lacks MFMT is an <see cref="FtpErrorKind.NotSupported"/> error, with
    /// nothing sent: check <see cref="FtpFeatures.Mfmt"/> first.
    /// </summary>
    public Task SetModifiedTimeAsync(string path, DateTime utc, CancellationToken cancellationToken = default)
    {
        CheckPath(path);
        if (utc.Kind == DateTimeKind.Unspecified) throw new ArgumentException("The time must say whether it is UTC or local.", nameof(utc));
        var time = ListingFormatter.FormatTime(utc);
        return RunAsync(async token =>
        {
            if (!Features.Mfmt) throw new FtpException(FtpErrorKind.NotSupported, "The server does not offer MFMT, so a file's modification time cannot be set.");
            await ExpectAsync("MFMT " + time + " " + path, r => r.Code == 213, commandNamesPath: true, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>Creates a directory (MKD) and returns its path as the server names it.</summary>
    public Task<string> CreateDirectoryAsync(string path, CancellationToken cancellationToken = default)
    {
        CheckPath(path);
        return RunAsync(async token =>
        {
            var reply = await ExpectAsync("MKD " + path, r => r.IsSuccess, commandNamesPath: true, token).ConfigureAwait(false);
            return ParseQuotedPath(reply) ?? Resolve(path);
        }, cancellationToken);
    }

    /// <summary>Removes an empty directory (RMD).</summary>
    public Task DeleteDirectoryAsync(string path, CancellationToken cancellationToken = default) =>
        SimpleAsync("RMD", path, cancellationToken);

    public Task DeleteFileAsync(string path, CancellationToken cancellationToken = default) =>
        SimpleAsync("DELE", path, cancellationToken);

    /// <summary>Renames or moves a file or directory (RNFR, then RNTO).</summary>
    public Task RenameAsync(string fromPath, string toPath, CancellationToken cancellationToken = default)
    {
        CheckPath(fromPath, nameof(fromPath));
        CheckPath(toPath, nameof(toPath));
        return RunAsync(async token =>
        {
            await ExpectAsync("RNFR " + fromPath, r => r.Code == 350, commandNamesPath: true, token).ConfigureAwait(false);
            await ExpectAsync("RNTO " + toPath, r => r.IsSuccess, commandNamesPath: true, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    private Task SimpleAsync(string verb, string path, CancellationToken cancellationToken)
    {
        CheckPath(path);
        return RunAsync(async token =>
        {
            await ExpectAsync(verb + " " + path, r => r.IsSuccess, commandNamesPath: true, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>SIZE without throwing: null when the file is absent or the server cannot say.</summary>
    private async Task<long?> TryGetSizeCoreAsync(string path, CancellationToken cancellationToken)
    {
        if (!Features.Size) return null;
        var reply = await CommandAsync("SIZE " + path, cancellationToken).ConfigureAwait(false);
        return reply.Code == 213 ? ParseSize(reply) : null;
    }

    private static long ParseSize(FtpReply reply)
    {
        var text = reply.Message.Trim();
        var space = text.IndexOf(' ');
        if (space > 0) text = text.Substring(0, space);
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            throw new FtpException(FtpErrorKind.ProtocolError, $"SIZE answered with no number: {reply.Message}", reply);
        return size;
    }
}
