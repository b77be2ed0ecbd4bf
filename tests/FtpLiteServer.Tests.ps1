#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The server's life in a user's session: start, look, stop. Needs the built module: run build.ps1 (or dotnet build) first.

BeforeAll {
    Import-Module "$PSScriptRoot/../out/FtpLite/FtpLite.psd1" -Force

    $root = Join-Path ([System.IO.Path]::GetTempPath()) ("ftplite-pester-" + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $root | Out-Null
    $server = Start-FtpLiteServer -Root $root -Port 0 -Name PesterServer

    function Read-FtpGreeting([int] $Port) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try {
            $client.Connect('127.0.0.1', $Port)
            $stream = $client.GetStream()
            $stream.ReadTimeout = 5000
            [System.IO.StreamReader]::new($stream).ReadLine()
        }
        finally {
            $client.Dispose()
        }
    }

    function Test-Port([int] $Port) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $Port); $true } catch { $false } finally { $client.Dispose() }
    }
}

AfterAll {
    Get-FtpLiteServer | Stop-FtpLiteServer
    Remove-Module FtpLite -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The FtpLite module' {
    It 'exports exactly its cmdlets' {
        (Get-Command -Module FtpLite).Name | Sort-Object | Should -Be @(
            'Connect-FtpLite', 'Disconnect-FtpLite', 'Get-FtpLiteFileHash', 'Get-FtpLiteListing', 'Get-FtpLiteServer', 'Get-FtpLiteSession',
            'New-FtpLiteCertificate', 'New-FtpLiteDirectory', 'New-FtpLiteS3Store', 'Receive-FtpLiteFile', 'Remove-FtpLiteItem', 'Rename-FtpLiteItem',
            'Send-FtpLiteFile', 'Start-FtpLiteServer', 'Stop-FtpLiteServer', 'Sync-FtpLiteDirectory')
    }

    It 'has examples in the help of <_>' -ForEach @('Start-FtpLiteServer', 'Get-FtpLiteServer', 'Stop-FtpLiteServer') {
        (Get-Help $_ -Examples).examples.example | Should -Not -BeNullOrEmpty
    }
}

Describe 'Start-FtpLiteServer' {
    It 'returns a running server on the port the system picked' {
        $server.Port | Should -BeGreaterThan 0
        $server.Url | Should -Be "ftp://127.0.0.1:$($server.Port)/"
        $server.State | Should -Be 'Running'
        $server.Root | Should -Be ([System.IO.Path]::GetFullPath($root))
    }

    It 'greets a client with 220' {
        Read-FtpGreeting $server.Port | Should -Match '^220 '
    }

    It 'refuses a port in use with FtpLite.PortInUse' {
        { Start-FtpLiteServer -Root $root -Port $server.Port -ErrorAction Stop } |
            Should -Throw -ErrorId 'FtpLite.PortInUse*'
    }

    It 'refuses a missing folder with FtpLite.RootNotFound' {
        { Start-FtpLiteServer -Root (Join-Path $root 'missing') -Port 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'FtpLite.RootNotFound*'
    }

    It 'runs a second server beside the first' {
        $second = Start-FtpLiteServer -Root $root -Port 0
        try {
            $second.Port | Should -Not -Be $server.Port
            Test-Port $second.Port | Should -BeTrue
        }
        finally {
            $second | Stop-FtpLiteServer
        }
    }
}

Describe 'Start-FtpLiteServer with FTPS' {
    It 'offers AUTH TLS with a certificate from New-FtpLiteCertificate' {
        $tls = Start-FtpLiteServer -Root $root -Port 0 -Certificate (New-FtpLiteCertificate -HostName localhost) -ImplicitTlsPort 0
        try {
            $tls.TlsEnabled | Should -BeTrue
            $tls.ImplicitTlsPort | Should -BeGreaterThan 0
            $tls.CertificateThumbprintSha256 | Should -Match '^[0-9A-F]{64}$'
        }
        finally {
            $tls | Stop-FtpLiteServer
        }
    }

    It 'refuses -RequireTls without a certificate' {
        { Start-FtpLiteServer -Root $root -Port 0 -RequireTls -ErrorAction Stop } |
            Should -Throw -ErrorId 'FtpLite.InvalidServerOption*'
    }
}

Describe 'Get-FtpLiteServer' {
    It 'finds the server by a wildcard' {
        (Get-FtpLiteServer -Name Pester*).Id | Should -Be $server.Id
    }

    It 'finds the server by id' {
        (Get-FtpLiteServer -Id $server.Id).Name | Should -Be 'PesterServer'
    }

    It 'writes FtpLite.ServerNotFound for a name no server has' {
        Get-FtpLiteServer -Name NoSuchServer -ErrorVariable notFound -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $notFound[0].FullyQualifiedErrorId | Should -BeLike 'FtpLite.ServerNotFound*'
    }
}

Describe 'Stop-FtpLiteServer' {
    BeforeEach {
        $victim = Start-FtpLiteServer -Root $root -Port 0 -Name Victim
    }

    AfterEach {
        $victim | Stop-FtpLiteServer
    }

    It 'changes nothing with -WhatIf' {
        Stop-FtpLiteServer -Name Victim -WhatIf
        $victim.IsRunning | Should -BeTrue
    }

    It 'stops a piped server' {
        $victim | Stop-FtpLiteServer
        $victim.State | Should -Be 'Stopped'
        Test-Port $victim.Port | Should -BeFalse
    }

    It 'stops by id and passes the server on with -PassThru' {
        $stopped = Stop-FtpLiteServer -Id $victim.Id -PassThru
        $stopped.Name | Should -Be 'Victim'
        $stopped.State | Should -Be 'Stopped'
        Get-FtpLiteServer -Name Victim -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
