#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Start-FtpLiteServer -Wait in a console: it shows what the server does without being asked, as "ftplite serve" does,
# and keeps quiet when told to. The server runs in a child pwsh whose output is captured; the test ends it (kill),
# so its lifetime is bounded whatever happens. Needs the built module (build.ps1 or dotnet build).

BeforeAll {
    $manifest = Resolve-Path "$PSScriptRoot/../out/FtpLite/FtpLite.psd1"
    Import-Module $manifest -Force

    # A pwsh like this one: "dotnet pwsh.dll" when run as the local tool, else the pwsh executable itself.
    function Start-ChildPwsh([string] $Command) {
        $start = [System.Diagnostics.ProcessStartInfo]::new()
        $start.FileName = [Environment]::ProcessPath
        if ([IO.Path]::GetFileNameWithoutExtension($start.FileName) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $Command) { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $child = [System.Diagnostics.Process]::Start($start)
        # stderr is read in the background, so a full pipe can never block the child; stdout line by line below.
        [pscustomobject]@{ Process = $child; Error = $child.StandardError.ReadToEndAsync(); Output = [System.Text.StringBuilder]::new() }
    }

    # Collects the child's stdout until it matches $Pattern, for at most about $Seconds.
    function Read-ChildOutput($Child, [string] $Pattern, [int] $Seconds) {
        $pending = $Child.Process.StandardOutput.ReadLineAsync()
        for ($i = 0; $i -lt $Seconds * 10 -and $Child.Output.ToString() -notmatch $Pattern; $i++) {
            if (-not $pending.Wait(100)) { continue }
            if ($null -eq $pending.Result) { break } # The child ended.
            [void] $Child.Output.AppendLine($pending.Result)
            $pending = $Child.Process.StandardOutput.ReadLineAsync()
        }
    }

    # Sends each command over a plain control connection and returns the reply codes (RETR as a client sends it,
    # without the listing Receive-FtpLiteFile asks first).
    function Invoke-RawFtp([int] $Port, [string[]] $Commands) {
        $tcp = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $Port)
        try {
            $tcp.ReceiveTimeout = 10000
            $stream = $tcp.GetStream()
            $reader = [System.IO.StreamReader]::new($stream)
            $writer = [System.IO.StreamWriter]::new($stream)
            $writer.NewLine = "`r`n"
            $writer.AutoFlush = $true
            $null = $reader.ReadLine() # The greeting.
            foreach ($command in $Commands) {
                $writer.WriteLine($command)
                $reply = $reader.ReadLine()
                while ($reply -match '^\d{3}-') { $reply = $reader.ReadLine() } # The rest of a multi-line reply.
                $reply.Substring(0, 3)
            }
        }
        finally {
            $tcp.Dispose()
        }
    }

    function Get-FreePort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    # Starts the server in a child pwsh, asks it (once it listens) for a missing file, reads its console until $Until
    # shows (or, with no $Until, for a moment), then ends the child and returns what it printed.
    function Invoke-ServerSession([string] $ExtraParameters, [string] $Until) {
        $port = Get-FreePort
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $root | Out-Null
        $child = Start-ChildPwsh "Import-Module '$manifest'; Start-FtpLiteServer -Root '$root' -Port $port -Wait $ExtraParameters"
        try {
            $up = $false
            for ($i = 0; $i -lt 300 -and -not $up -and -not $child.Process.HasExited; $i++) {
                try { [System.Net.Sockets.TcpClient]::new('127.0.0.1', $port).Dispose(); $up = $true } catch { Start-Sleep -Milliseconds 100 }
            }
            $up | Should -BeTrue -Because 'the child server should start listening'
            Invoke-RawFtp $port 'USER anonymous', 'PASS pester@example.com', 'RETR missing.txt', 'QUIT' | Should -Contain '550'
            if ($Until) { Read-ChildOutput $child $Until 30 } else { Read-ChildOutput $child 'TransferFailed' 2 }
        }
        finally {
            if (-not $child.Process.HasExited) { $child.Process.Kill($true) }
            $child.Process.WaitForExit(30000) | Out-Null
        }
        $child.Output.ToString() + $child.Error.Result
    }
}

AfterAll {
    Remove-Module FtpLite -ErrorAction SilentlyContinue
}

Describe 'Start-FtpLiteServer -Wait' {
    It 'shows the server''s activity by default, a refused download included' {
        $output = Invoke-ServerSession '' -Until 'TransferFailed'

        $output | Should -Match 'ServerStarted: listening on 127\.0\.0\.1:'
        $output | Should -Match 'LoginSucceeded'
        $output | Should -Match 'TransferFailed: RETR /missing\.txt refused: 550'
    }

    It 'keeps quiet with -InformationAction SilentlyContinue' {
        $output = Invoke-ServerSession '-InformationAction SilentlyContinue'

        $output | Should -Match 'FtpLite' -Because 'the server object is still written'
        $output | Should -Not -Match 'ServerStarted'
        $output | Should -Not -Match 'TransferFailed'
    }
}
