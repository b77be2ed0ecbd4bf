<#
.SYNOPSIS
    Builds FtpLite, assembles the module folder out/FtpLite, and optionally tests and packages it.
.EXAMPLE
    ./build.ps1 -Test
.EXAMPLE
    ./build.ps1 -Configuration Release -Clean -Test -Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Runs the xunit tests, then the Pester tests in a child pwsh (so the module is not left loaded here).
    [switch] $Test,

    # Zips out/FtpLite (the folder Publish-Module takes) and packs the command-line tool into out/packages.
    [switch] $Package,

    # Removes out/ and the build outputs first.
    [switch] $Clean
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$solution = Join-Path $PSScriptRoot 'FtpLite.PowerShell.sln'
$outDir = Join-Path $PSScriptRoot 'out'
$moduleDir = Join-Path $outDir 'FtpLite'
$packageDir = Join-Path $outDir 'packages'

function Invoke-Native {
    # Runs a program and stops the build when it fails: $ErrorActionPreference does not cover exit codes.
    param([string] $FilePath, [string[]] $ArgumentList)
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor Cyan
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "$FilePath exited with code $LASTEXITCODE." }
}

if ($Clean) {
    Invoke-Native dotnet @('clean', $solution, '--configuration', $Configuration, '--nologo', '--verbosity', 'minimal')
    if (Test-Path $outDir) { Remove-Item -LiteralPath $outDir -Recurse -Force }
}

Invoke-Native dotnet @('build', $solution, '--configuration', $Configuration, '--nologo')

# The build target in FtpLite.PowerShell.csproj assembles the module; check it did.
foreach ($file in 'FtpLite.psd1', 'FtpLite.PowerShell.dll', 'FtpLite.dll', 'FtpLite.format.ps1xml') {
    if (-not (Test-Path (Join-Path $moduleDir $file))) { throw "The build did not leave $file in $moduleDir." }
}
$manifest = Import-PowerShellDataFile (Join-Path $moduleDir 'FtpLite.psd1')
Write-Host "Module FtpLite $($manifest.ModuleVersion) in $moduleDir" -ForegroundColor Green

if ($Test) {
    Invoke-Native dotnet @('test', $solution, '--configuration', $Configuration, '--no-build', '--nologo')

    $pester = Get-Module -ListAvailable Pester | Where-Object { $_.Version -ge [version]'5.0.0' } | Select-Object -First 1
    if ($pester) {
        $testsDir = Join-Path $PSScriptRoot 'tests'
        $script = "Import-Module Pester -MinimumVersion 5.0.0; `$r = Invoke-Pester -Path '$testsDir' -Output Detailed -PassThru; exit `$r.FailedCount"
        Invoke-Native pwsh @('-NoProfile', '-NonInteractive', '-Command', $script)
    }
    else {
        Write-Warning 'Pester 5 is not installed (Install-Module Pester -MinimumVersion 5.0.0); the Pester tests were skipped.'
    }
}

if ($Package) {
    New-Item -ItemType Directory -Path $packageDir -Force | Out-Null
    $zip = Join-Path $packageDir "FtpLite-$($manifest.ModuleVersion).zip"
    if (Test-Path $zip) { Remove-Item -LiteralPath $zip }
    # The zip holds the FtpLite folder itself, ready to unpack into a PSModulePath folder or to give to Publish-Module -Path.
    Compress-Archive -Path $moduleDir -DestinationPath $zip
    Write-Host "Module package: $zip" -ForegroundColor Green

    $cli = Join-Path $PSScriptRoot 'src/FtpLite.Cli/FtpLite.Cli.csproj'
    Invoke-Native dotnet @('pack', $cli, '--configuration', $Configuration, '--nologo', '--output', $packageDir)
}
