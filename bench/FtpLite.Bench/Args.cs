namespace FtpLite.Bench;

/// <summary>"--name value" options and bare words, read from the command line.</summary>
public sealed class Args
{
    private readonly string[] _args;

    public Args(string[] args) => _args = args;

    public string Verb => _args.Length > 0 ? _args[0] : "help";

    public string? Text(string name)
    {
        var at = Array.IndexOf(_args, name);
        return at >= 0 && at + 1 < _args.Length ? _args[at + 1] : null;
    }

    public string Required(string name) => Text(name) ?? throw new ArgumentException($"{Verb}: give {name}");

    public int Int(string name, int fallback) => Text(name) is { } value ? int.Parse(value) : fallback;

    public bool Flag(string name) => Array.IndexOf(_args, name) >= 0;
}
