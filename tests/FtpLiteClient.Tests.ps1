#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The client cmdlets as a user meets them: connect, list, put, get, and the pipelines between them.
# One FtpLite server, started in this session, serves $TestDrive/remote. Needs the built module (build.ps1 or dotnet build).

BeforeAll {
    Import-Module "$PSScriptRoot/../out/FtpLite/FtpLite.psd1" -Force

    $remote = Join-Path $TestDrive 'remote'
    $local = Join-Path $TestDrive 'local'
    New-Item -ItemType Directory -Path $remote, $local | Out-Null
    $server = Start-FtpLiteServer -Root $remote -Port 0 -Name PesterClient
    $session = Connect-FtpLite $server
    Push-Location $local
}

AfterAll {
    Pop-Location
    Disconnect-FtpLite -Session $session -ErrorAction SilentlyContinue
    $server | Stop-FtpLiteServer
    Remove-Module FtpLite -ErrorAction SilentlyContinue
}

Describe 'Connect-FtpLite' {
    It 'returns a connected session that is the default' {
        $session.IsConnected | Should -BeTrue
        $session.Port | Should -Be $server.Port
        $session.UserName | Should -Be 'anonymous'
    }

    It 'refuses a wrong password with FtpLite.LoginFailed' {
        $accounts = Start-FtpLiteServer -Root $remote -Port 0 -Credential ([pscredential]::new('alice', (ConvertTo-SecureString 's3cret' -AsPlainText -Force)))
        try {
            $wrong = [pscredential]::new('alice', (ConvertTo-SecureString 'nope' -AsPlainText -Force))
            { Connect-FtpLite $accounts -Credential $wrong -ErrorAction Stop } | Should -Throw -ErrorId 'FtpLite.LoginFailed*'
        }
        finally {
            $accounts | Stop-FtpLiteServer
        }
    }
}

Describe 'Send-FtpLiteFile' {
    It 'uploads files piped from Get-ChildItem into a new folder' {
        'one' | Set-Content -Path (Join-Path $local 'a.zip')
        'two' | Set-Content -Path (Join-Path $local 'b.zip')

        $results = Get-ChildItem -Path $local -Filter *.zip | Send-FtpLiteFile -Destination /drop

        $results.Count | Should -Be 2
        $results[0].RemotePath | Should -Be '/drop/a.zip'
        Join-Path $remote 'drop/b.zip' | Should -Exist
    }

    It 'keeps the tree with -Recurse' {
        New-Item -ItemType Directory -Path (Join-Path $local 'site/css') -Force | Out-Null
        'x' | Set-Content -Path (Join-Path $local 'site/css/a.css')

        Send-FtpLiteFile -Path ./site -Destination /www -Recurse | Out-Null

        Join-Path $remote 'www/site/css/a.css' | Should -Exist
    }

    It 'changes nothing with -WhatIf' {
        'w' | Set-Content -Path (Join-Path $local 'whatif.txt')
        Send-FtpLiteFile -Path ./whatif.txt -Destination /planned -WhatIf
        Join-Path $remote 'planned' | Should -Not -Exist
    }

    It 'refuses an existing file with FtpLite.TargetExists, and -Force replaces it' {
        'new' | Set-Content -Path (Join-Path $local 'exists.txt')
        'old' | Set-Content -Path (Join-Path $remote 'exists.txt')

        Send-FtpLiteFile -Path ./exists.txt -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'FtpLite.TargetExists*'
        $refused[0].CategoryInfo.Category | Should -Be 'ResourceExists'

        Send-FtpLiteFile -Path ./exists.txt -Force | Out-Null
        Get-Content -Path (Join-Path $remote 'exists.txt') | Should -Be 'new'
    }
}

Describe 'Get-FtpLiteListing and Receive-FtpLiteFile' {
    BeforeAll {
        New-Item -ItemType Directory -Path (Join-Path $remote 'logs') -Force | Out-Null
        [System.IO.File]::WriteAllBytes((Join-Path $remote 'logs/big.log'), [byte[]]::new(2MB))
        'small' | Set-Content -Path (Join-Path $remote 'logs/small.log')
    }

    It 'lists typed items' {
        $items = Get-FtpLiteListing /logs
        $items.Name | Should -Be @('big.log', 'small.log')
        ($items | Where-Object Name -eq 'big.log').Length | Should -Be 2MB
    }

    It 'downloads what a filtered listing pipes in' {
        $results = Get-FtpLiteListing /logs | Where-Object Length -gt 1MB | Receive-FtpLiteFile -Destination ./logs

        @($results).Count | Should -Be 1
        (Get-Item ./logs/big.log).Length | Should -Be 2MB
        './logs/small.log' | Should -Not -Exist
    }

    It 'expands a remote wildcard' {
        Receive-FtpLiteFile -Path '/logs/*.log' -Destination ./wild | Should -HaveCount 2
    }

    It 'resumes a partial download' {
        $result = Receive-FtpLiteFile -Path /logs/big.log -Destination ./resume -Resume
        # A fresh folder has nothing to resume; then a shorter copy is extended.
        $result.ResumedFrom | Should -Be 0
        $stream = [System.IO.File]::Open((Join-Path $local 'resume/big.log'), 'Open')
        try { $stream.SetLength(1MB) } finally { $stream.Dispose() }
        (Receive-FtpLiteFile -Path /logs/big.log -Destination ./resume -Resume).ResumedFrom | Should -Be 1MB
        (Get-Item ./resume/big.log).Length | Should -Be 2MB
    }

    It 'reports a missing file with FtpLite.RemoteItemNotFound and goes on' {
        $results = '/logs/missing.log', '/logs/small.log' |
            Receive-FtpLiteFile -Destination ./batch -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'FtpLite.RemoteItemNotFound*'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        @($results).Count | Should -Be 1
    }

    It 'stops at the first failure with -ErrorAction Stop' {
        { '/logs/missing.log', '/logs/small.log' | Receive-FtpLiteFile -Destination ./stop -ErrorAction Stop } |
            Should -Throw -ErrorId 'FtpLite.RemoteItemNotFound*'
        './stop/small.log' | Should -Not -Exist
    }
}

Describe 'Remote items' {
    It 'creates, renames, hashes and removes' {
        New-FtpLiteDirectory /tmp/a | Out-Null
        'hash me' | Set-Content -Path (Join-Path $remote 'tmp/a/h.txt') -NoNewline
        Rename-FtpLiteItem /tmp/a/h.txt g.txt

        (Get-FtpLiteFileHash /tmp/a/g.txt -Algorithm SHA256).Hash |
            Should -Be (Get-FileHash -Path (Join-Path $remote 'tmp/a/g.txt') -Algorithm SHA256).Hash

        Remove-FtpLiteItem /tmp -Recurse -Confirm:$false
        Join-Path $remote 'tmp' | Should -Not -Exist
    }
}

Describe 'One-shot connections' {
    It 'works with -Server and -Port and no session' {
        (Get-FtpLiteListing -Path /logs -Server 127.0.0.1 -Port $server.Port).Count | Should -Be 2
    }
}
