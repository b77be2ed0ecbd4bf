using System.Runtime.InteropServices;

namespace FtpLite.Cli.Serving;

/// <summary>
/// Completes on the first Ctrl+C (SIGINT) or SIGTERM, holding the process open so the server can stop cleanly.
/// A second signal is left to its default action, so a stuck shutdown can still be cut short.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly TaskCompletionSource<string> _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal()
    {
        _registrations = new[]
        {
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        };
    }

    /// <summary>Completes with the signal's name ("SIGINT", "SIGTERM").</summary>
    public Task<string> Received => _received.Task;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Only the first signal is ours; the next one terminates as the user asked.
        context.Cancel = _received.TrySetResult(context.Signal.ToString());
    }
}
