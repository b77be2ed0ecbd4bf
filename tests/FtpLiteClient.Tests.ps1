#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The client cmdlets as a user meets them: connect, list, put, get, and the pipelines between them.
# One FtpLite server, started in this session, serves $TestDrive/remote. Needs the built module (build.ps1 or dotnet build).
# Pester 5 removes what a Describe wrote to TestDrive when that Describe ends, and a Disconnect can leave no default
# session behind: so every Describe makes its own files and connects its own session (its default while it runs).

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
    BeforeAll {
        $put = Connect-FtpLite $server
    }

    AfterAll {
        Disconnect-FtpLite -Session $put
    }

    It 'uploads files piped from Get-ChildItem into a new folder' {
        'one' | Set-Content -Path (Join-Path $local 'a.zip')
        'two' | Set-Content -Path (Join-Path $local 'b.zip')

        $results = Get-ChildItem -Path $local -Filter *.zip | Send-FtpLiteFile -PassThru -Destination /drop

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
        $get = Connect-FtpLite $server
        New-Item -ItemType Directory -Path (Join-Path $remote 'logs') -Force | Out-Null
        [System.IO.File]::WriteAllBytes((Join-Path $remote 'logs/big.log'), [byte[]]::new(2MB))
        'small' | Set-Content -Path (Join-Path $remote 'logs/small.log')
    }

    AfterAll {
        Disconnect-FtpLite -Session $get
    }

    It 'lists typed items' {
        $items = Get-FtpLiteListing /logs
        $items.Name | Should -Be @('big.log', 'small.log')
        ($items | Where-Object Name -eq 'big.log').Length | Should -Be 2MB
    }

    It 'downloads what a filtered listing pipes in' {
        $results = Get-FtpLiteListing /logs | Where-Object Length -gt 1MB | Receive-FtpLiteFile -PassThru -Destination ./logs

        @($results).Count | Should -Be 1
        (Get-Item ./logs/big.log).Length | Should -Be 2MB
        './logs/small.log' | Should -Not -Exist
    }

    It 'expands a remote wildcard' {
        Receive-FtpLiteFile -PassThru -Path '/logs/*.log' -Destination ./wild | Should -HaveCount 2
    }

    It 'resumes a partial download' {
        $result = Receive-FtpLiteFile -PassThru -Path /logs/big.log -Destination ./resume -Resume
        # A fresh folder has nothing to resume; then a shorter copy is extended.
        $result.ResumedFrom | Should -Be 0
        $stream = [System.IO.File]::Open((Join-Path $local 'resume/big.log'), 'Open')
        try { $stream.SetLength(1MB) } finally { $stream.Dispose() }
        (Receive-FtpLiteFile -PassThru -Path /logs/big.log -Destination ./resume -Resume).ResumedFrom | Should -Be 1MB
        (Get-Item ./resume/big.log).Length | Should -Be 2MB
    }

    It 'reports a missing file with FtpLite.RemoteItemNotFound and goes on' {
        $results = '/logs/missing.log', '/logs/small.log' |
            Receive-FtpLiteFile -PassThru -Destination ./batch -ErrorVariable missing -ErrorAction SilentlyContinue
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
    BeforeAll {
        $edit = Connect-FtpLite $server
    }

    AfterAll {
        Disconnect-FtpLite -Session $edit
    }

    It 'creates, renames, hashes and removes' {
        New-FtpLiteDirectory /tmp/a | Out-Null
        'hash me' | Set-Content -Path (Join-Path $remote 'tmp/a/h.txt') -NoNewline
        Rename-FtpLiteItem /tmp/a/h.txt g.txt

        (Get-FtpLiteFileHash /tmp/a/g.txt -Algorithm SHA256).Hash |
            Should -Be (Get-FileHash -Path (Join-Path $remote 'tmp/a/g.txt') -Algorithm SHA256).Hash

        Remove-FtpLiteItem /tmp -Recurse -Confirm:$false
        Join-Path $remote 'tmp' | Should -Not -Exist
    }

    It 'lists a tree with -Recurse folder by folder, folders first, as Get-ChildItem -Recurse' {
        foreach ($file in 'walk/z.txt', 'walk/b/x.txt', 'walk/a/y.txt', 'walk/a/m/deep.txt') {
            New-Item -ItemType File -Force -Path (Join-Path $remote $file) | Out-Null
        }

        (Get-FtpLiteListing /walk -Recurse).FullName |
            Should -Be @('/walk/a', '/walk/b', '/walk/z.txt', '/walk/a/m', '/walk/a/y.txt', '/walk/a/m/deep.txt', '/walk/b/x.txt')
    }

    It 'removes a three-level tree with -Recurse, and refuses it without' {
        foreach ($file in 'gone/top.txt', 'gone/a/one.txt', 'gone/a/b/two.txt', 'gone/a/b/c/three.txt') {
            New-Item -ItemType File -Force -Path (Join-Path $remote $file) | Out-Null
        }

        Remove-FtpLiteItem /gone -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused.FullyQualifiedErrorId | Should -BeLike 'FtpLite.DirectoryNotEmpty*'
        Join-Path $remote 'gone/a/b/c/three.txt' | Should -Exist

        Remove-FtpLiteItem /gone -Recurse -Confirm:$false -ErrorAction Stop
        Join-Path $remote 'gone' | Should -Not -Exist
    }
}

Describe 'One-shot connections' {
    BeforeAll {
        New-Item -ItemType Directory -Path (Join-Path $remote 'oneshot') | Out-Null
        'one' | Set-Content -Path (Join-Path $remote 'oneshot/1.txt')
        'two' | Set-Content -Path (Join-Path $remote 'oneshot/2.txt')
    }

    It 'works with -Server and -Port and no session' {
        (Get-FtpLiteListing -Path /oneshot -Server 127.0.0.1 -Port $server.Port).Name | Should -Be @('1.txt', '2.txt')
    }
}

Describe 'FTPS' {
    BeforeAll {
        $tlsRemote = Join-Path $TestDrive 'tls-remote'
        New-Item -ItemType Directory -Path $tlsRemote | Out-Null
        $tlsServer = Start-FtpLiteServer -Root $tlsRemote -Port 0 -Certificate (New-FtpLiteCertificate -HostName localhost) -RequireTls -ImplicitTlsPort 0
        $pin = $tlsServer.CertificateThumbprintSha256
        $bytes = [byte[]]::new(100000)
        [System.Random]::new(5).NextBytes($bytes)
        [System.IO.File]::WriteAllBytes((Join-Path $local 'tls.bin'), $bytes)
    }

    AfterAll {
        $tlsServer | Stop-FtpLiteServer
    }

    It 'round-trips a file over explicit FTPS with a pinned certificate' {
        $tls = Connect-FtpLite $tlsServer -Encryption Explicit -CertificateThumbprint $pin
        try {
            $tls.IsEncrypted | Should -BeTrue
            $tls.IsDataProtected | Should -BeTrue
            Send-FtpLiteFile -Path ./tls.bin -Destination /x -Session $tls | Out-Null
            Receive-FtpLiteFile -Path /x/tls.bin -Destination ./tls-back -Session $tls | Out-Null
            (Get-FileHash ./tls-back/tls.bin).Hash | Should -Be (Get-FileHash ./tls.bin).Hash
        }
        finally {
            Disconnect-FtpLite -Session $tls
        }
    }

    It 'round-trips over implicit FTPS (ftps://) with -SkipCertificateCheck, and warns' {
        $url = "ftps://127.0.0.1:$($tlsServer.ImplicitTlsPort)"
        Send-FtpLiteFile -Path ./tls.bin -Destination /i -Server $url -SkipCertificateCheck -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
        $warned | Should -Not -BeNullOrEmpty
        Receive-FtpLiteFile -Path /i/tls.bin -Destination ./tls-implicit -Server $url -SkipCertificateCheck -WarningAction SilentlyContinue | Out-Null
        (Get-FileHash ./tls-implicit/tls.bin).Hash | Should -Be (Get-FileHash ./tls.bin).Hash
    }

    It 'rejects a self-signed certificate without a pin, naming its thumbprint' {
        $caught = $null
        try { Connect-FtpLite $tlsServer -Encryption Explicit -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'FtpLite.CertificateRejected*'
        $caught.CategoryInfo.Category | Should -Be 'SecurityError'
        $caught.ErrorDetails.Message | Should -BeLike "*$pin*"
    }

    It 'says TLS is required when a plain-text login is refused' {
        $caught = $null
        try { Connect-FtpLite $tlsServer -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'FtpLite.LoginFailed*'
        $caught.ErrorDetails.Message | Should -BeLike '*TLS is required*'
    }
}

Describe 'Send-FtpLiteFile and Receive-FtpLiteFile -ThrottleLimit' {
    BeforeAll {
        $many = Join-Path $local 'many'
        New-Item -ItemType Directory -Path $many | Out-Null
        1..200 | ForEach-Object { "file $_ " + ('x' * ($_ * 7)) | Set-Content -Path (Join-Path $many ('f{0:000}.txt' -f $_)) -NoNewline }
        # Its own session, passed to each cmdlet: these tests are about -ThrottleLimit, not about which session is the default.
        $pool = Connect-FtpLite $server
    }

    AfterAll {
        Disconnect-FtpLite -Session $pool
    }

    It 'uploads 200 files over eight sessions, results in input order' {
        $files = Get-ChildItem $many -File | Sort-Object Length -Descending  # Not name order: the output keeps this one.
        $before = $server.TotalSessions

        $results = $files | Send-FtpLiteFile -PassThru -Destination /many -ThrottleLimit 8 -Session $pool

        $results.Count | Should -Be 200
        $results.LocalPath | Should -Be $files.FullName
        $server.TotalSessions - $before | Should -Be 7   # The given session is one of the eight.
        foreach ($file in $files) {
            (Get-FileHash (Join-Path $remote "many/$($file.Name)")).Hash | Should -Be (Get-FileHash $file.FullName).Hash
        }
    }

    It 'downloads them back over eight sessions, byte for byte' {
        $listing = Get-FtpLiteListing /many -Session $pool

        $results = $listing | Receive-FtpLiteFile -PassThru -Destination ./many-back -ThrottleLimit 8 -Session $pool

        $results.RemotePath | Should -Be $listing.FullName
        foreach ($item in $listing) {
            (Get-FileHash (Join-Path $local "many-back/$($item.Name)")).Hash | Should -Be (Get-FileHash (Join-Path $many $item.Name)).Hash
        }
    }

    It 'reports a failing file in its place and sends the rest' {
        'old' | Set-Content -Path (Join-Path $remote 'clash.txt')
        'a', 'clash', 'b' | ForEach-Object { $_ | Set-Content -Path (Join-Path $local "$_.txt") }

        $merged = Send-FtpLiteFile -PassThru -LiteralPath ./a.txt, ./clash.txt, ./b.txt -ThrottleLimit 3 -Session $pool 2>&1

        $merged.Count | Should -Be 3
        $merged[1] | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $merged[1].FullyQualifiedErrorId | Should -BeLike 'FtpLite.TargetExists*'
        $merged[2].RemotePath | Should -Be '/b.txt'
    }
}
