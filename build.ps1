<#
.SYNOPSIS
    Builds FtpLite, assembles the module folder out/FtpLite, and optionally tests and packages it.
.EXAMPLE
    ./build.ps1 -Test
.EXAMPLE
    ./build.ps1 -Configuration Release -Clean -Test -Package
.EXAMPLE
    ./build.ps1 -Configuration Release -PublishCli    # then: out/ftplite/FtpLite.Cli --help
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Runs the xunit tests, then the Pester tests in a child pwsh (so the module is not left loaded here).
    [switch] $Test,

    # Packs the module as a PowerShell Gallery .nupkg (Compress-PSResource) and the command-line tool (dotnet pack)
    # into out/packages.
    [switch] $Package,

    # Removes out/ and the build outputs first.
    [switch] $Clean,

    # Publishes ftplite into out/ftplite as users should run it: for this machine's platform, ReadyToRun
    # (dotnet publish; see src/FtpLite.Cli/FtpLite.Cli.csproj).
    [switch] $PublishCli
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

if ($PublishCli) {
    $cliOut = Join-Path $outDir 'ftplite'
    Invoke-Native dotnet @('publish', (Join-Path $PSScriptRoot 'src/FtpLite.Cli/FtpLite.Cli.csproj'), '--configuration', $Configuration, '--nologo', '--output', $cliOut)
    Write-Host "ftplite (ReadyToRun) in $cliOut" -ForegroundColor Green
}

if ($Test) {
    Invoke-Native dotnet @('test', $solution, '--configuration', $Configuration, '--no-build', '--nologo')

    # The pinned Pester (5.7.1) comes from NuGet, as tests/run.sh gets it; tests/pester.ps1 imports it from there.
    Invoke-Native dotnet @('restore', (Join-Path $PSScriptRoot 'tests/tools/TestTools.csproj'), '--nologo', '--verbosity', 'quiet')
    # In a child pwsh, so the module is not left loaded here; the same pwsh as this one, which need not be on PATH
    # (under `dotnet pwsh` this process is dotnet, and pwsh.dll is its first argument).
    . (Join-Path $PSScriptRoot 'tests/support/ChildPwsh.ps1')
    $pwsh = @(Get-PwshCommandLine)
    $pesterArguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'tests/pester.ps1'))
    Invoke-Native $pwsh[0] $pesterArguments
}

if ($Package) {
    New-Item -ItemType Directory -Path $packageDir -Force | Out-Null
    # The module as the PowerShell Gallery takes it: a .nupkg made by PSResourceGet (shipped with pwsh),
    # which Install-PSResource installs from a folder repository or a feed. The manifest's PSData becomes its metadata.
    $nupkg = Join-Path $packageDir "FtpLite.$($manifest.ModuleVersion).nupkg"
    if (Test-Path $nupkg) { Remove-Item -LiteralPath $nupkg }
    if (-not (Get-Command -Name Compress-PSResource -ErrorAction Ignore)) {
        throw 'Packaging the module needs Compress-PSResource (PSResourceGet 1.1 or later; pwsh 7.6 ships 1.2.1): Install-PSResource Microsoft.PowerShell.PSResourceGet, or run this under a newer pwsh.'
    }
    Compress-PSResource -Path $moduleDir -DestinationPath $packageDir
    if (-not (Test-Path $nupkg)) { throw "Compress-PSResource did not write $nupkg." }
    Write-Host "Module package: $nupkg" -ForegroundColor Green

    $cli = Join-Path $PSScriptRoot 'src/FtpLite.Cli/FtpLite.Cli.csproj'
    Invoke-Native dotnet @('pack', $cli, '--configuration', $Configuration, '--nologo', '--output', $packageDir)
}
