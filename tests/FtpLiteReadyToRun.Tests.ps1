#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What users get ships native code, so a first command does not wait for the JIT: `dotnet publish src/FtpLite.Cli` is
# one Native AOT executable, its -p:PublishAot=false fallback ReadyToRun in every assembly, the module folder's
# linux-x64 copies are ReadyToRun images, the module folder's top-level assemblies stay portable IL (Windows PowerShell
# 5.1 loads those), and PowerShell 7 on x64 Linux loads the copies.
# Needs the built module (build.ps1 or dotnet build); publishes the CLI into TestDrive (the AOT one only when
# FTPLITE_CLI does not name it already, as tests/run.sh does).

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

Describe 'The ReadyToRun copies carry the async plumbing of FtpLite''s own methods' {
    # Every async method of FtpLite is a state machine that CoreLib's builder runs (Start, AwaitUnsafeOnCompleted over
    # each awaiter): code instantiated over FtpLite's types, which an image compiled inside FtpLite's own version bubble
    # cannot hold, so a session's first transfer JIT-compiled ~200 of these. Compiled with --opt-cross-module:* the
    # image holds them, each checked at load against the CoreLib it runs on (the runtime JITs any whose IL changed).
    It 'a fresh session''s first transfers JIT-compile (next to) none of them' -Skip:(-not ($IsLinux -and [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64')) {
        $log = Join-Path $TestDrive 'jit.txt'
        $served = New-Item -ItemType Directory (Join-Path $TestDrive 'served')
        foreach ($i in 1..20) { Set-Content -LiteralPath (Join-Path $served "f$i.txt") -Value "file $i" }
        $child = Invoke-ChildPwsh -Environment @{ DOTNET_JitStdOutFile = $log; DOTNET_JitDisasmSummary = '1' } -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$built'
`$server = Start-FtpLiteServer -Root '$served' -Port 0 -AllowAnonymous
try {
    Sync-FtpLiteDirectory Download '$(Join-Path $TestDrive 'copy')' / -Server 127.0.0.1 -Port `$server.Port -ThrottleLimit 4
    Receive-FtpLiteFile f1.txt -Destination '$(Join-Path $TestDrive 'one.txt')' -Server 127.0.0.1 -Port `$server.Port
}
finally { `$server | Stop-FtpLiteServer }
"@
        $child.ExitCode | Should -Be 0 -Because $child.Errors
        @(Get-ChildItem (Join-Path $TestDrive 'copy') -File).Count | Should -Be 20
        $log | Should -Exist -Because 'the runtime writes the methods it compiles there (DOTNET_JitDisasmSummary)'
        $compiled = @(Get-Content $log | Where-Object { $_ -match 'JIT compiled ' })
        $compiled.Count | Should -BeGreaterThan 0 -Because 'pwsh itself always compiles some methods: an empty log means nothing was recorded'
        # First compilations only (Tier0); hot methods compiled again at Tier1 later are the runtime's tiering, not missing code.
        $plumbing = @($compiled | Where-Object { $_ -match 'AsyncMethodBuilderCore:Start\[FtpLite\.|AwaitUnsafeOnCompleted\[.*FtpLite\.' -and $_ -match '\[(Instrumented )?Tier0,' })
        $plumbing.Count | Should -BeLessOrEqual 5 -Because "these were compiled at run time (the first 10):`n$(($plumbing | Select-Object -First 10) -join "`n")"
    }
}

Describe 'ftplite as dotnet publish makes it: Native AOT' {
    BeforeAll {
        # tests/run.sh has published it already for the CLI tests and names it in FTPLITE_CLI; alone, this publishes it.
        if ($env:FTPLITE_CLI) {
            $program = $env:FTPLITE_CLI
            $published = Split-Path -Parent $program
            $log = @()
            $publishExit = 0
        } else {
            $published = Join-Path $TestDrive 'aot'
            $log = & dotnet publish (Join-Path $repo 'src/FtpLite.Cli') -c Release -o $published -nologo -v q 2>&1
            $publishExit = $LASTEXITCODE
            $program = Join-Path $published ($IsWindows ? 'FtpLite.Cli.exe' : 'FtpLite.Cli')
        }
    }

    It 'publishes' {
        $publishExit | Should -Be 0 -Because ($log -join "`n")
    }

    It 'is one native program with no assembly beside it' {
        @(Get-ChildItem -LiteralPath $published -Filter *.dll).Name | Should -BeNullOrEmpty
        Join-Path $published 'FtpLite.Cli.runtimeconfig.json' | Should -Not -Exist
        if ($IsLinux) {
            $header = [byte[]]::new(4)
            $stream = [System.IO.File]::OpenRead($program)
            try { $null = $stream.Read($header, 0, 4) } finally { $stream.Dispose() }
            $header | Should -Be @(0x7F, 0x45, 0x4C, 0x46) -Because 'an ELF executable starts with 0x7F "ELF"'
        }
    }

    It 'runs' {
        $version = & $program --version
        $LASTEXITCODE | Should -Be 0
        $version | Should -Match '\d+\.\d+\.\d+'
    }
}

Describe 'ftplite as dotnet publish -p:PublishAot=false makes it: the ReadyToRun fallback' {
    BeforeAll {
        $published = Join-Path $TestDrive 'cli'
        $log = & dotnet publish (Join-Path $repo 'src/FtpLite.Cli') -c Release -p:PublishAot=false -o $published -nologo -v q 2>&1
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
