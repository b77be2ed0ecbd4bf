using System.Globalization;
using System.Management.Automation;

namespace FtpLite.PowerShell.Infrastructure;

/// <summary>What became of a folder something is about to go into.</summary>
internal enum FolderState
{
    /// <summary>It exists (it was there, or has just been made).</summary>
    Ready,

    /// <summary>-WhatIf: it would be made; what would go into it is still announced.</summary>
    WhatIf,

    /// <summary>The user answered No (-Confirm), or making it failed: nothing goes into it, and nothing more is asked about it.</summary>
    Skipped,
}

public abstract partial class FtpLiteClientCmdlet
{
    /// <summary>
    /// ShouldProcess with the engine's own wording ("Performing the operation … on target …"), telling -WhatIf from a
    /// No: a folder declined under -Confirm skips its contents, while -WhatIf goes on to announce them.
    /// </summary>
    private protected FolderState ShouldCreateFolder(string target)
    {
        var description = string.Format(CultureInfo.CurrentCulture, "Performing the operation \"Create directory\" on target \"{0}\".", target);
        var warning = "Are you sure you want to perform this action?\n" + description;
        if (ShouldProcess(description, warning, "Confirm", out var reason)) return FolderState.Ready;
        return reason == ShouldProcessReason.WhatIf ? FolderState.WhatIf : FolderState.Skipped;
    }
}
