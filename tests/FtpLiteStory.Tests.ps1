#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# One user's afternoon, start to finish, as the other files test each step: serve a folder, connect, put a file, list
# it, get it back, disconnect, stop the server. Needs the built module (build.ps1 or dotnet build).

BeforeAll {
    Import-Module "$PSScriptRoot/../out/FtpLite/FtpLite.psd1" -Force
    $served = Join-Path $TestDrive 'served'
    $work = Join-Path $TestDrive 'work'
    New-Item -ItemType Directory -Path $served, $work | Out-Null
    $report = Join-Path $work 'report.csv'
    $bytes = [byte[]]::new(300KB)
    [System.Random]::new(7).NextBytes($bytes)
    [System.IO.File]::WriteAllBytes($report, $bytes)
}

AfterAll {
    Get-FtpLiteServer | Stop-FtpLiteServer
    Remove-Module FtpLite -ErrorAction SilentlyContinue
}

Describe 'Serving a folder and moving a file through it' {
    It 'starts a server that Get-FtpLiteServer lists' {
        $script:server = Start-FtpLiteServer -Root $served -Port 0 -Name Story
        (Get-FtpLiteServer -Name Story).Url | Should -Be $server.Url
    }

    It 'connects to it' {
        $script:session = Connect-FtpLite $server
        $session.IsConnected | Should -BeTrue
    }

    It 'puts a file into a new folder' {
        $sent = Send-FtpLiteFile -PassThru -Path $report -Destination /reports
        $sent.Bytes | Should -Be 300KB
        (Get-FileHash (Join-Path $served 'reports/report.csv')).Hash | Should -Be (Get-FileHash $report).Hash
    }

    It 'lists the folder with the file in it' {
        $listing = Get-FtpLiteListing /reports
        $listing.Name | Should -Be 'report.csv'
        $listing.Length | Should -Be 300KB
    }

    It 'gets the file back, byte for byte' {
        Get-FtpLiteListing /reports | Receive-FtpLiteFile -Destination (Join-Path $work 'back') | Out-Null
        (Get-FileHash (Join-Path $work 'back/report.csv')).Hash | Should -Be (Get-FileHash $report).Hash
    }

    It 'disconnects' {
        Disconnect-FtpLite -Session $session
        $session.IsConnected | Should -BeFalse
    }

    It 'stops the server, which then refuses connections and leaves the list' {
        $server | Stop-FtpLiteServer
        $server.State | Should -Be 'Stopped'
        { Connect-FtpLite -Server 127.0.0.1 -Port $server.Port -ErrorAction Stop } | Should -Throw
        Get-FtpLiteServer -Name Story -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
