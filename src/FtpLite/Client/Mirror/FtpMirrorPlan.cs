namespace FtpLite.Client;

/// <summary>
/// What a mirror will do, in the order it does it: folders to make (parents first), files to copy or replace (and those
/// skipped, with why), then deletes (files, then folders, deepest first).
/// </summary>
public sealed class FtpMirrorPlan
{
    public FtpMirrorPlan(FtpTransferDirection direction, IReadOnlyList<FtpMirrorAction> actions)
    {
        Direction = direction;
        Actions = actions ?? throw new ArgumentNullException(nameof(actions));
    }

    public FtpTransferDirection Direction { get; }

    public IReadOnlyList<FtpMirrorAction> Actions { get; }

    /// <summary>The actions that change the target (all but skips).</summary>
    public IEnumerable<FtpMirrorAction> Changes => Actions.Where(a => a.Kind != FtpMirrorActionKind.Skip);

    public int Copies => Count(FtpMirrorActionKind.Copy);
    public int Replaces => Count(FtpMirrorActionKind.Replace);
    public int Deletes => Count(FtpMirrorActionKind.Delete);
    public int Skips => Count(FtpMirrorActionKind.Skip);

    /// <summary>Bytes of the files to copy or replace.</summary>
    public long BytesToCopy => Actions
        .Where(a => !a.IsDirectory && a.Kind is FtpMirrorActionKind.Copy or FtpMirrorActionKind.Replace)
        .Sum(a => Math.Max(0, a.Source!.Length));

    private int Count(FtpMirrorActionKind kind) => Actions.Count(a => a.Kind == kind);
}
