#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Sync-FtpLiteDirectory as a user meets it: the plan with -WhatIf, the run, a second run that copies nothing, a change,
# -Delete and its guard. One FtpLite server, started in this session, serves $TestDrive/remote. Needs the built module.

BeforeAll {
    Import-Module "$PSScriptRoot/../out/FtpLite/FtpLite.psd1" -Force

    $remote = Join-Path $TestDrive 'remote'
    $local = Join-Path $TestDrive 'local'
    New-Item -ItemType Directory -Path $remote, $local | Out-Null
    $server = Start-FtpLiteServer -Root $remote -Port 0 -Name PesterMirror
    $session = Connect-FtpLite $server
    Push-Location $local

    # 20 folders of 10 small files, dated yesterday (as a real source's files are older than any copy).
    $yesterday = (Get-Date).ToUniversalTime().AddDays(-1)
    foreach ($d in 0..19) {
        $folder = New-Item -ItemType Directory -Path (Join-Path $local "site/d$d") -Force
        foreach ($f in 0..9) {
            $file = Join-Path $folder "f$f.txt"
            Set-Content -LiteralPath $file -Value "folder $d file $f"
            (Get-Item -LiteralPath $file).LastWriteTimeUtc = $yesterday
        }
    }

    # Relative path and bytes of every file below a folder, as diff -r compares them.
    function Get-Tree([string] $Root) {
        Get-ChildItem -LiteralPath $Root -Recurse -File | Sort-Object FullName | ForEach-Object {
            '{0} {1}' -f $_.FullName.Substring($Root.Length), (Get-FileHash -LiteralPath $_.FullName).Hash
        }
    }
}

AfterAll {
    Pop-Location
    Disconnect-FtpLite -Session $session -ErrorAction SilentlyContinue
    $server | Stop-FtpLiteServer
    Remove-Module FtpLite -ErrorAction SilentlyContinue
}

Describe 'Sync-FtpLiteDirectory' {
    It 'plans with -WhatIf, changing nothing' {
        $plan = Sync-FtpLiteDirectory Upload ./site /www -WhatIf -PassThru
        $plan.Count | Should -Be 220
        ($plan | Where-Object Kind -eq 'Copy').Count | Should -Be 220
        $plan[0].Description | Should -Be 'folder missing on the target'
        Test-Path (Join-Path $remote 'www') | Should -BeFalse
    }

    It 'mirrors up and down, byte-exact, and a second run copies nothing' {
        Sync-FtpLiteDirectory Upload ./site /www -ThrottleLimit 8 | Should -BeNullOrEmpty
        Sync-FtpLiteDirectory Download ./back /www -ThrottleLimit 8
        Get-Tree (Join-Path $remote 'www') | Should -Be (Get-Tree (Join-Path $local 'site'))
        Get-Tree (Join-Path $local 'back') | Should -Be (Get-Tree (Join-Path $local 'site'))
        Sync-FtpLiteDirectory Upload ./site /www -PassThru | Should -BeNullOrEmpty
        Sync-FtpLiteDirectory Download ./back /www -PassThru | Should -BeNullOrEmpty
    }

    It 'copies only the changed file' {
        Set-Content -LiteralPath (Join-Path $local 'site/d3/f4.txt') -Value 'changed, and longer than it was'
        $result = Sync-FtpLiteDirectory Upload ./site /www -PassThru
        $result.RelativePath | Should -Be 'd3/f4.txt'
        $result.Kind | Should -Be 'Replace'
        $result.Action.Description | Should -BeLike 'size differs*'
    }

    It 'deletes exactly the extra files with -Delete, keeping excluded ones' {
        Set-Content -LiteralPath (Join-Path $remote 'www/extra.txt') -Value 'x'
        Set-Content -LiteralPath (Join-Path $remote 'www/d1/keep.tmp') -Value 'kept'
        $result = Sync-FtpLiteDirectory Upload ./site /www -Delete -Exclude '*.tmp' -PassThru
        $result.RelativePath | Should -Be 'extra.txt'
        $result.Kind | Should -Be 'Delete'
        Test-Path (Join-Path $remote 'www/d1/keep.tmp') | Should -BeTrue
    }

    It 'refuses to delete from an empty source with FtpLite.MirrorRefused' {
        New-Item -ItemType Directory -Path (Join-Path $local 'empty') | Out-Null
        { Sync-FtpLiteDirectory Upload ./empty /www -Delete -Force } | Should -Throw -ErrorId 'FtpLite.MirrorRefused*'
        (Get-ChildItem -LiteralPath (Join-Path $remote 'www') -Recurse -File).Count | Should -Be 201
    }
}
