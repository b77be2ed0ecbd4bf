using System.Net;
using System.Net.Sockets;

namespace FtpLite.Server;

/// <summary>One control connection: reads command lines, dispatches them, writes replies. (Being written.)</summary>
internal sealed partial class FtpSession
{
    private readonly FtpServer _server;
    private readonly Socket _socket;
    private readonly TaskCompletionSource<bool> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FtpSession(FtpServer server, Socket socket, long id)
    {
        _server = server;
        _socket = socket;
        Id = id;
        RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
    }

    public long Id { get; }
    public IPEndPoint RemoteEndPoint { get; }
    public Task Completion => _completion.Task;

    public Task RunAsync() { _socket.Dispose(); _completion.TrySetResult(true); return Task.CompletedTask; }
    public void Close(string reply) => Abort();
    public void Abort() => _socket.Dispose();
    public void OnHeartbeat(DateTime now) { }
}
