using System.Globalization;
using FtpLite.Client;
using FtpLite.Protocol.Hashing;

namespace FtpLite.Cli.Client;

/// <summary>The line after a transfer: what went where, how much, how long, how fast.</summary>
internal static class TransferSummary
{
    public static string Format(FtpTransferResult result)
    {
        var (verb, from, to) = result.Direction == FtpTransferDirection.Upload
            ? ("sent", Path.GetFileName(result.LocalPath), result.RemotePath)
            : ("received", result.RemotePath, result.LocalPath);
        var resumed = result.ResumedFrom > 0 ? $", resumed at {ByteSize.Format(result.ResumedFrom)}" : "";
        var verified = result.Verification switch
        {
            FtpVerification.Hash when result.HashAlgorithm is { } algorithm => $", {algorithm.WireName()} verified",
            FtpVerification.Size => ", size verified",
            _ => ", not verified",
        };
        return ClientFailure.OneLine(
            $"{verb} {from} -> {to}: {result.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes in {ByteSize.Seconds(result.Duration)} ({ByteSize.Rate(result.BytesPerSecond)}){resumed}{verified}");
    }
}
