<#
.SYNOPSIS
    Runs the Pester suite (tests/*.Tests.ps1) against the built module folder out/FtpLite.
.DESCRIPTION
    Imports the pinned Pester (5.7.1, restored from NuGet by tests/tools/TestTools.csproj, or any Pester 5 found on
    PSModulePath), runs every *.Tests.ps1 under tests/, writes NUnit XML results when -ResultPath is given, and ends
    with one line "Pester: N passed, N failed, N skipped". Exit code: the number of failed tests (0 when all pass);
    99 when Pester could not be found or the run did not complete.
.EXAMPLE
    dotnet pwsh -NoProfile -File tests/pester.ps1
#>
[CmdletBinding()]
param(
    # Where to write the NUnit XML of the run; nothing is written without it.
    [string] $ResultPath,

    # Only these test files (default: every tests/*.Tests.ps1).
    [string[]] $Path = @(Join-Path $PSScriptRoot '*.Tests.ps1'),

    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Output = 'Normal'
)

$ErrorActionPreference = 'Stop'

$nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
$pinned = Join-Path $nugetRoot 'pester/5.7.1/tools/Pester.psd1'
if (Test-Path -LiteralPath $pinned) {
    Import-Module $pinned -Force
}
else {
    $found = Get-Module -ListAvailable Pester | Where-Object { $_.Version -ge [version]'5.0.0' } | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $found) {
        Write-Host 'Pester: Pester 5 was not found (restore tests/tools/TestTools.csproj to fetch 5.7.1).'
        exit 99
    }
    Import-Module $found.Path -Force
}

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = $Output
if ($ResultPath) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = $ResultPath
}

# The tests run under the preference a user's console has (Continue): with this script's Stop they would see every
# non-terminating error as terminating, and a test of "reports the failure and goes on" could not pass.
$ErrorActionPreference = 'Continue'
$result = Invoke-Pester -Configuration $configuration
if (-not $result) {
    Write-Host 'Pester: the run did not complete.'
    exit 99
}
# A failing BeforeAll or a file that does not parse fails its block, not a test: count those as failures too.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
$skipped = $result.SkippedCount + $result.NotRunCount
Write-Host ("Pester: {0} passed, {1} failed, {2} skipped" -f $result.PassedCount, $failed, $skipped)
exit $failed
