using System.Management.Automation;

namespace FtpLite.PowerShell.Tests.Support;

/// <summary>What one script run wrote, stream by stream.</summary>
public sealed class ScriptResult
{
    internal ScriptResult(IReadOnlyList<PSObject> output, PSDataStreams streams, bool hadErrors)
    {
        Output = output;
        Errors = streams.Error.ToArray();
        Progress = streams.Progress.ToArray();
        Verbose = streams.Verbose.Select(v => v.Message).ToArray();
        Warning = streams.Warning.Select(w => w.Message).ToArray();
        Information = streams.Information.ToArray();
        HadErrors = hadErrors;
    }

    public IReadOnlyList<PSObject> Output { get; }
    public IReadOnlyList<ErrorRecord> Errors { get; }
    public IReadOnlyList<ProgressRecord> Progress { get; }
    public IReadOnlyList<string> Verbose { get; }
    public IReadOnlyList<string> Warning { get; }
    public IReadOnlyList<InformationRecord> Information { get; }
    public bool HadErrors { get; }

    /// <summary>The ids the errors were written under, without the ",Command" suffix PowerShell adds.</summary>
    public IReadOnlyList<string> ErrorIds => Errors.Select(e => ErrorIdOf(e)).ToArray();

    public PSObject Single() => Assert.Single(Output);

    public static string ErrorIdOf(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];
}
