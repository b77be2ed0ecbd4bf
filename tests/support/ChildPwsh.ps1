# Runs a script in a fresh pwsh process, as a user's new console would: for what must not see this process's loaded
# modules (importing an installed package, two module versions side by side).

function Get-PwshCommandLine {
    # The pwsh running this script, as a program and the arguments that start it. Under `dotnet pwsh` (the local .NET
    # tool) the process is dotnet itself, so [Environment]::ProcessPath alone would start dotnet, not pwsh: pwsh.dll,
    # the entry assembly, goes first then.
    $program = [Environment]::ProcessPath  # .NET 6+; Windows PowerShell's .NET Framework has no such property
    if (-not $program) { $program = (Get-Process -Id $PID).Path }
    if ([System.IO.Path]::GetFileNameWithoutExtension($program) -eq 'dotnet') {
        return @($program, [System.Reflection.Assembly]::GetEntryAssembly().Location)
    }
    return @($program)
}

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
        Runs -Script in a new pwsh -NoProfile with -Environment added to its environment (only its own), waits at most
        -TimeoutSeconds, in -WorkingDirectory (default: this one), and returns @{ ExitCode; Output (stdout lines); Errors (stderr text) }.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = (Get-Location -PSProvider FileSystem).ProviderPath,
        [int] $TimeoutSeconds = 120
    )
    $commandLine = @(Get-PwshCommandLine)
    $start = [System.Diagnostics.ProcessStartInfo]::new($commandLine[0])
    foreach ($argument in @($commandLine | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Script)) {
        $start.ArgumentList.Add($argument)
    }
    foreach ($name in $Environment.Keys) { $start.Environment[$name] = $Environment[$name] }
    $start.WorkingDirectory = $WorkingDirectory
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    try {
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "The child pwsh did not finish within $TimeoutSeconds s."
        }
        $process.WaitForExit()
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Output   = @($stdout.Result -split '\r?\n' | Where-Object { $_ })
            Errors   = $stderr.Result
        }
    }
    finally {
        $process.Dispose()
    }
}
