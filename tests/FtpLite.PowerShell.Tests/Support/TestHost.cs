using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace FtpLite.PowerShell.Tests.Support;

/// <summary>
/// A PowerShell host for tests: it records what the engine writes to the console (WhatIf lines, for instance) and answers
/// prompts (a missing mandatory parameter, -Confirm) from queued answers. A prompt with no answer queued fails the
/// test instead of hanging it.
/// </summary>
public sealed class TestHost : PSHost
{
    private readonly TestHostUserInterface _ui = new();

    public override string Name => "FtpLiteTestHost";
    public override Version Version => new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public TestHostUserInterface TestUI => _ui;

    // Fixed so help lookup (en-US) and number formats do not depend on the machine running the tests.
    public override CultureInfo CurrentCulture => CultureInfo.GetCultureInfo("en-US");
    public override CultureInfo CurrentUICulture => CultureInfo.GetCultureInfo("en-US");

    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException("No nested prompts in tests.");
    public override void ExitNestedPrompt() => throw new NotSupportedException("No nested prompts in tests.");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}

public sealed class TestHostUserInterface : PSHostUserInterface
{
    private readonly object _gate = new();
    private readonly StringBuilder _text = new();
    private readonly Queue<object> _answers = new();
    private readonly List<string> _promptedFields = new();

    public override PSHostRawUserInterface RawUI { get; } = new TestRawUserInterface();

    /// <summary>Everything written to the host, one line per WriteLine.</summary>
    public string Text
    {
        get { lock (_gate) return _text.ToString(); }
    }

    /// <summary>The names of the fields the engine prompted for, in order.</summary>
    public IReadOnlyList<string> PromptedFields
    {
        get { lock (_gate) return _promptedFields.ToArray(); }
    }

    /// <summary>Queues an answer for the next prompt field, ReadLine or choice (an int for a choice).</summary>
    public void QueueAnswer(object answer)
    {
        lock (_gate) _answers.Enqueue(answer);
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions)
    {
        var result = new Dictionary<string, PSObject>();
        foreach (var field in descriptions)
        {
            lock (_gate) _promptedFields.Add(field.Name);
            result[field.Name] = PSObject.AsPSObject(NextAnswer($"prompt for '{field.Name}'"));
        }
        return result;
    }

    public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice)
    {
        lock (_gate) _promptedFields.Add("choice: " + caption);
        return (int)NextAnswer($"choice '{caption}'");
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        (PSCredential)NextAnswer("credential");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        (PSCredential)NextAnswer("credential");

    public override string ReadLine() => (string)NextAnswer("ReadLine");

    public override SecureString ReadLineAsSecureString()
    {
        var secure = new SecureString();
        foreach (var c in (string)NextAnswer("ReadLineAsSecureString")) secure.AppendChar(c);
        return secure;
    }

    public override void Write(string value) => Append(value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);
    public override void WriteLine(string value) => Append(value + "\n");
    public override void WriteErrorLine(string value) => Append("ERROR: " + value + "\n");
    public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");
    public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + "\n");
    public override void WriteWarningLine(string message) => Append("WARNING: " + message + "\n");
    public override void WriteProgress(long sourceId, ProgressRecord record) { }

    private object NextAnswer(string what)
    {
        lock (_gate)
        {
            if (_answers.Count == 0) throw new InvalidOperationException($"The test host was asked for a {what} but has no answer queued.");
            return _answers.Dequeue();
        }
    }

    private void Append(string text)
    {
        lock (_gate) _text.Append(text);
    }
}

/// <summary>A fixed 120-column console, enough for formatting and WhatIf output.</summary>
internal sealed class TestRawUserInterface : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override Size BufferSize { get; set; } = new(120, 3000);
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; } = 25;
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(120, 50);
    public override Size MaxWindowSize => new(120, 50);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get; set; } = new(120, 50);
    public override string WindowTitle { get; set; } = "FtpLite tests";
    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("No keyboard in tests.");
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
