#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What users get ships native code, so a first command does not wait for the JIT: the module folder's linux-x64 copies
# and every assembly of `dotnet publish src/FtpLite.Cli` are ReadyToRun images, the module folder's top-level
# assemblies stay portable IL (Windows PowerShell 5.1 loads those), and PowerShell 7 on x64 Linux loads the copies.
# Needs the built module (build.ps1 or dotnet build); publishes the CLI into TestDrive.

BeforeAll {
    . "$PSScriptRoot/support/ChildPwsh.ps1"
    $repo = (Resolve-Path "$PSScriptRoot/..").Path
    $built = Join-Path $repo 'out/FtpLite'

    # An R2R image is IL plus native code: its CLI header names a ManagedNativeHeader, the READYTORUN_HEADER that
    # starts with the signature 'RTR'. A plain IL assembly has no such header.
    function Test-ReadyToRun([string] $Path) {
        $stream = [System.IO.File]::OpenRead($Path)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $native = $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory
            if ($native.Size -lt 4) { return $false }
            [byte[]] $signature = $pe.GetSectionData($native.RelativeVirtualAddress).GetContent(0, 4)
            return [System.BitConverter]::ToUInt32($signature, 0) -eq 0x00525452  # "RTR\0"
        }
        finally {
            $stream.Dispose()
        }
    }
}

Describe 'The module folder' {
    It 'has ReadyToRun copies of both assemblies for PowerShell 7 on linux-x64' {
        foreach ($name in 'FtpLite.dll', 'FtpLite.PowerShell.dll') {
            $copy = Join-Path $built "linux-x64/$name"
            $copy | Should -Exist
            Test-ReadyToRun $copy | Should -BeTrue -Because "$name in linux-x64/ is what PowerShell 7 on x64 Linux loads"
        }
    }

    It 'keeps portable IL assemblies at its top, the ones Windows PowerShell 5.1 and other platforms load' {
        foreach ($name in 'FtpLite.dll', 'FtpLite.PowerShell.dll') {
            Test-ReadyToRun (Join-Path $built $name) | Should -BeFalse -Because "an R2R image for linux-x64 does not load in .NET Framework"
        }
    }

    It 'loads the ReadyToRun copies in PowerShell 7 on x64 Linux, and the portable ones elsewhere' {
        $child = Invoke-ChildPwsh -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$built'
(Get-Command Get-FtpLiteListing).ImplementingType.Assembly.Location
[FtpLite.Client.FtpEncryption].Assembly.Location
"@
        $child.ExitCode | Should -Be 0 -Because $child.Errors
        $readyToRun = $IsLinux -and [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64'
        $folder = if ($readyToRun) { Join-Path $built 'linux-x64' } else { $built }
        $child.Output | Should -Be @((Join-Path $folder 'FtpLite.PowerShell.dll'), (Join-Path $folder 'FtpLite.dll'))
    }
}

Describe 'ftplite as dotnet publish makes it' {
    BeforeAll {
        $published = Join-Path $TestDrive 'cli'
        $log = & dotnet publish (Join-Path $repo 'src/FtpLite.Cli') -c Release -o $published -nologo -v q 2>&1
        $publishExit = $LASTEXITCODE
    }

    It 'publishes' {
        $publishExit | Should -Be 0 -Because ($log -join "`n")
    }

    It 'is ReadyToRun in every assembly, its own and the AWS SDK' {
        $assemblies = @(Get-ChildItem -LiteralPath $published -Filter *.dll)
        $assemblies.Name | Should -Contain 'FtpLite.Cli.dll'
        $assemblies.Name | Should -Contain 'FtpLite.dll'
        $assemblies.Name | Should -Contain 'AWSSDK.Core.dll'
        $notReadyToRun = @($assemblies | Where-Object { -not (Test-ReadyToRun $_.FullName) }).Name
        $notReadyToRun | Should -BeNullOrEmpty
    }

    It 'runs' {
        $program = Join-Path $published ($IsWindows ? 'FtpLite.Cli.exe' : 'FtpLite.Cli')
        $version = & $program --version
        $LASTEXITCODE | Should -Be 0
        $version | Should -Match '\d+\.\d+\.\d+'
    }
}
