using System.Runtime.InteropServices;

namespace FtpLite.Cli.Client;

/// <summary>
/// While one operation runs, Ctrl+C (SIGINT) cancels its token instead of killing the process, so a transfer stops
/// cleanly (no partial target: the library downloads to NAME.ftplite-part, kept for --resume). Outside such a scope Ctrl+C keeps its
/// default meaning; a second Ctrl+C within the scope does too.
/// </summary>
internal sealed class Interruption : IDisposable
{
    /// <summary>The exit code of a process stopped by SIGINT, by shell convention (128 + 2).</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration? _registration;

    public Interruption()
    {
        try
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = !_cancel.IsCancellationRequested;
                _cancel.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            _registration = null;
        }
    }

    public CancellationToken Token => _cancel.Token;

    public bool Requested => _cancel.IsCancellationRequested;

    public void Dispose()
    {
        _registration?.Dispose();
        _cancel.Dispose();
    }
}
