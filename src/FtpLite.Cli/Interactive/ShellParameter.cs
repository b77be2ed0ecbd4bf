namespace FtpLite.Cli.Interactive;

/// <summary>
/// One argument of an interactive command. <see cref="Label"/> is what the prompt shows when it is missing, as in
/// "(local-file) ". An optional one has a default, and is asked for only when the command's first argument was asked
/// for too (typing just "put" walks through every name; "put a.txt" means "the same name there").
/// </summary>
internal sealed record ShellParameter(string Label, bool Required);
