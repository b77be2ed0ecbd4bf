#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The module's own life in a user's session: re-importing it, removing it, and two versions of it in one process.
# Needs the built module (build.ps1 or dotnet build).

BeforeAll {
    . "$PSScriptRoot/support/ChildPwsh.ps1"
    $built = (Resolve-Path "$PSScriptRoot/../out/FtpLite").Path
    $root = Join-Path $TestDrive 'root'
    New-Item -ItemType Directory -Path $root | Out-Null
}

Describe 'Import-Module FtpLite -Force' {
    BeforeAll {
        Import-Module "$built/FtpLite.psd1" -Force
    }

    AfterAll {
        Remove-Module FtpLite -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    }

    It 'warns that it stopped the running servers and closed the sessions, naming the servers' {
        $server = Start-FtpLiteServer -Root $root -Port 0 -Name Reimported
        $session = Connect-FtpLite $server

        Import-Module "$built/FtpLite.psd1" -Force -WarningVariable warned 3>$null

        $warned | Should -HaveCount 1
        "$warned" | Should -BeLike '*stopped 1 server (Reimported)*closed 1 client session*'
        $server.State | Should -Be 'Stopped'
        $session.IsConnected | Should -BeFalse
    }

    It 'leaves a working module: its cmdlets are exported again' {
        (Get-Command -Module FtpLite).Count | Should -Be (Import-PowerShellDataFile "$built/FtpLite.psd1").CmdletsToExport.Count
        $again = Start-FtpLiteServer -Root $root -Port 0
        try {
            $again.State | Should -Be 'Running'
        }
        finally {
            $again | Stop-FtpLiteServer
        }
    }

    It 'says nothing when nothing was running' {
        Import-Module "$built/FtpLite.psd1" -Force -WarningVariable warned 3>$null
        $warned | Should -BeNullOrEmpty
    }
}

Describe "The module's types in a script" {
    BeforeAll {
        Import-Module "$built/FtpLite.psd1" -Force
    }

    It 'resolves the cmdlet layer and the library types by name, as scripts write them' {
        [FtpLite.Client.FtpEncryption]::Explicit | Should -Be 'Explicit'
        $server = Start-FtpLiteServer -Root $root -Port 0
        try {
            $server | Should -BeOfType ([FtpLite.PowerShell.FtpLiteServer])
            [FtpLite.Client.FtpVerification]::Size | Should -Be 'Size'
            'typed' | Set-Content -LiteralPath (Join-Path $root 'typed.txt')
            Get-FtpLiteListing / -Server 127.0.0.1 -Port $server.Port | Should -BeOfType ([FtpLite.PowerShell.FtpLiteItem])
        }
        finally {
            $server | Stop-FtpLiteServer
            Remove-Item -LiteralPath (Join-Path $root 'typed.txt')
        }
    }
}

Describe 'Remove-Module FtpLite' {
    It 'warns that it stopped the running servers' {
        Import-Module "$built/FtpLite.psd1" -Force
        $server = Start-FtpLiteServer -Root $root -Port 0 -Name Removed

        Remove-Module FtpLite -WarningVariable warned 3>$null

        "$warned" | Should -BeLike '*stopped 1 server (Removed)*'
        $server.State | Should -Be 'Stopped'
    }
}

Describe 'Two versions of FtpLite in one PowerShell 7 session' -Skip:($PSEdition -ne 'Core') {
    BeforeAll {
        # A real second version: the module's sources built again with another <Version>, in a copy of their own (so this
        # build's obj/ is untouched). Its assemblies are FtpLite.PowerShell 99.0.0.0 and FtpLite 99.0.0.0: without
        # isolation the default context refuses them beside 0.1.0.0 ("Assembly with same name is already loaded").
        # A copy of out/FtpLite with only the manifest's version changed would not show that: same assembly, no clash.
        $repo = (Resolve-Path "$PSScriptRoot/..").Path
        $copy = Join-Path $TestDrive 'repo'
        foreach ($part in 'Directory.Build.props', '.config', 'module', 'src/FtpLite', 'src/FtpLite.Storage.S3', 'src/FtpLite.PowerShell') {
            $target = Join-Path $copy $part
            New-Item -ItemType Directory -Path (Split-Path $target) -Force | Out-Null
            Copy-Item -LiteralPath (Join-Path $repo $part) -Destination $target -Recurse
        }
        Get-ChildItem -Path (Join-Path $copy 'src') -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
        $buildLog = & dotnet build (Join-Path $copy 'src/FtpLite.PowerShell') -p:Version=99.0.0 --nologo -v q 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Building version 99.0.0 failed: $buildLog" }
        $second = Join-Path $copy 'out/FtpLite'
        $manifest = Join-Path $second 'FtpLite.psd1'
        'side by side' | Set-Content -LiteralPath (Join-Path $TestDrive 'hello.txt') -NoNewline

        # A fresh process: this one already holds the built module.
        $script = @'
$ErrorActionPreference = 'Stop'
$first = Import-Module '{0}' -PassThru
$server = Start-FtpLiteServer -Root '{2}' -Port 0
# The second version in a scope of its own, as a script or another module that needs it imports it. (In one scope,
# PowerShell refuses two cmdlets named FtpLite\Start-FtpLiteServer whatever their assemblies; -Prefix is the way there.)
$sent = & {{
    $null = Import-Module '{1}' -Scope Local
    Send-FtpLiteFile -PassThru -Path '{3}' -Destination /in -Server 127.0.0.1 -Port $server.Port
}}
$listing = Get-FtpLiteListing -Path /in -Server 127.0.0.1 -Port $server.Port
Stop-FtpLiteServer -InputObject $server
[pscustomobject]@{{
    Versions = @(Get-Module FtpLite | ForEach-Object {{ $_.Version.ToString() }} | Sort-Object)
    Contexts = @($server, $sent | ForEach-Object {{ [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_.GetType().Assembly).Name }})
    Sent     = $sent.Bytes
    Listed   = @($listing.Name)
}} | ConvertTo-Json -Compress
'@ -f "$built/FtpLite.psd1", $manifest, $root, (Join-Path $TestDrive 'hello.txt')
        $run = Invoke-ChildPwsh -Script $script
        $result = if ($run.ExitCode -eq 0) { $run.Output[-1] | ConvertFrom-Json } else { $null }
    }

    It 'imports both, each from its own folder' {
        $run.Errors | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $result.Versions | Should -Be @((Import-PowerShellDataFile "$built/FtpLite.psd1").ModuleVersion, '99.0.0')
    }

    It "loads each version's assemblies in an AssemblyLoadContext of its own" {
        $result.Contexts | Should -Be @("FtpLite $built", "FtpLite $second")
    }

    It "transfers a file from one version's client to the other's server" {
        $result.Sent | Should -Be 12
        $result.Listed | Should -Be @('hello.txt')
    }
}
