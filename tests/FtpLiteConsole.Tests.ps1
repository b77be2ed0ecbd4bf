#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What the console shows a user of the client cmdlets: views at 80 columns, local times, tab completion of remote
# paths. Runs under the real pwsh; one FtpLite server, started in this session, serves $TestDrive/console-remote.

BeforeAll {
    Import-Module "$PSScriptRoot/../out/FtpLite/FtpLite.psd1" -Force

    $remote = Join-Path $TestDrive 'console-remote'
    $local = Join-Path $TestDrive 'console-local'
    New-Item -ItemType Directory -Path $remote, $local | Out-Null
    New-Item -ItemType Directory -Path (Join-Path $remote 'upload folder'), (Join-Path $remote 'updates') | Out-Null
    'x' * 5000 | Set-Content -Path (Join-Path $remote 'quarterly-report-2026-final.pdf')
    'y' | Set-Content -Path (Join-Path $remote 'upload folder/inside.txt')
    $server = Start-FtpLiteServer -Root $remote -Port 0 -Name ConsoleViews
    $session = Connect-FtpLite $server
    Push-Location $local

    # Lines as a console 80 columns wide prints them.
    # What an 80-column console shows: its host formats to one column less (the last is left free so that a full
    # line does not wrap), as a tmux pane of 80 columns showed (a 16-letter header split at the 80th column).
    function Get-ConsoleLines([Parameter(ValueFromPipeline)] $InputObject) {
        end { ($input | Out-String -Width 79) -split "`r?`n" | Where-Object { $_.Trim() } }
    }
}

AfterAll {
    Pop-Location
    Disconnect-FtpLite -Session $session -ErrorAction SilentlyContinue
    $server | Stop-FtpLiteServer
    Remove-Module FtpLite -ErrorAction SilentlyContinue
}

Describe 'Listing items' {
    It 'give LastWriteTime in local time, as Get-ChildItem does, with LastWriteTimeUtc beside it (TZ=Asia/Kolkata)' {
        $file = Join-Path $remote 'quarterly-report-2026-final.pdf'
        (Get-Item $file).LastWriteTimeUtc = [datetime]::new(2026, 7, 1, 12, 30, 15, 0, [DateTimeKind]::Utc)
        $pwsh = [Environment]::ProcessPath
        $arguments = @(if ($pwsh -notmatch 'pwsh(\.exe)?$') { [Environment]::GetCommandLineArgs()[0] })
        $script = Join-Path $TestDrive 'local-time.ps1'
        Set-Content -Path $script -Value @'
Import-Module $args[0]
$item = Get-FtpLiteListing /quarterly-report-2026-final.pdf -Server $args[1]
$disk = Get-Item $args[2]
'{0}|{1}|{2}|{3}' -f $item.LastWriteTime.ToString('o'), $item.LastWriteTimeUtc.ToString('o'), $disk.LastWriteTime.ToString('o'), $item.LastWriteTime.Kind
'@
        $old = $env:TZ
        try {
            # A child pwsh: .NET reads the zone once per process.
            $env:TZ = 'Asia/Kolkata'
            $out = & $pwsh @arguments -NoProfile -File $script "$PSScriptRoot/../out/FtpLite/FtpLite.psd1" $server.Url $file 2>&1
        }
        finally {
            $env:TZ = $old
        }

        $itemLocal, $itemUtc, $diskLocal, $kind = "$out".Trim() -split '\|'
        $itemLocal | Should -Be '2026-07-01T18:00:15.0000000+05:30'
        $itemUtc | Should -Be '2026-07-01T12:30:15.0000000Z'
        $diskLocal | Should -BeLike '2026-07-01T18:00:15*+05:30'
        $kind | Should -Be 'Local'
    }
}

Describe 'Views at 80 columns' {
    It 'lists a folder under a Directory: header, folders first, whole names, no line over 80' {
        $lines = Get-FtpLiteListing / | Get-ConsoleLines

        $lines | Where-Object Length -gt 80 | Should -BeNullOrEmpty
        $lines | Where-Object { $_ -match '^\s*Directory: /$' } | Should -HaveCount 1
        ($lines | Select-String -SimpleMatch 'quarterly-report-2026-final.pdf') | Should -Not -BeNullOrEmpty
        $header = $lines | Where-Object { $_ -match '\bMode\b' }
        $header | Should -Match 'LastWriteTime'
        $header | Should -Match 'Length'
        $header | Should -Match 'Name'
        $rows = @($lines | Where-Object { $_ -match 'updates|upload folder|quarterly' })
        $rows[0] | Should -Match 'update|upload'
        $rows[-1] | Should -Match 'quarterly'
    }

    It 'shows servers in a table that fits, and the root and human sizes in the list view' {
        $lines = Get-FtpLiteServer -Name ConsoleViews | Get-ConsoleLines
        $list = Get-FtpLiteServer -Name ConsoleViews | Format-List | Get-ConsoleLines

        $lines | Where-Object Length -gt 80 | Should -BeNullOrEmpty
        $lines[0] | Should -Match 'Name.*State.*Sessions.*Received.*Sent'
        ($lines | Select-String -SimpleMatch 'ConsoleViews') | Should -Not -BeNullOrEmpty
        ($list | Select-String -SimpleMatch $remote) | Should -Not -BeNullOrEmpty
        ($list | Select-String -Pattern 'Sent\s*: \d+(\.\d)? (B|KiB|MiB)') | Should -Not -BeNullOrEmpty
    }

    It 'shows transfer results with a readable duration and rate' {
        $result = Receive-FtpLiteFile /quarterly-report-2026-final.pdf -Destination ./views -PassThru
        $lines = $result | Get-ConsoleLines
        $list = $result | Format-List | Get-ConsoleLines

        $lines | Where-Object Length -gt 80 | Should -BeNullOrEmpty
        $lines[0] | Should -Match 'Size.*Duration.*Rate.*Verified.*RemotePath'
        $row = $lines | Where-Object { $_ -match 'quarterly' }
        $row | Should -Match '4\.9 KiB'
        $row | Should -Match '\d+\.\d{3} s'
        $row | Should -Match '/s\b'
        $row | Should -Not -Match '…'
        ($list | Select-String -Pattern 'Rate\s*: [\d.]+ (B|KiB|MiB|GiB)/s') | Should -Not -BeNullOrEmpty
        ($list | Select-String -Pattern 'Verification\s*: Hash') | Should -Not -BeNullOrEmpty
    }

    It 'shows sessions in a table that fits' {
        $lines = Get-FtpLiteSession | Get-ConsoleLines
        $lines | Where-Object Length -gt 80 | Should -BeNullOrEmpty
        $lines[0] | Should -Match 'Id.*Server.*Port.*UserName.*Connected.*Default.*Directory$'
    }
}

Describe 'Tab completion of remote paths' {
    It 'completes <Command> from the default session''s server, not the local disk' -ForEach @(
        @{ Command = 'Receive-FtpLiteFile' }
        @{ Command = 'Get-FtpLiteListing' }
        @{ Command = 'Remove-FtpLiteItem' }
        @{ Command = 'Rename-FtpLiteItem' }
    ) {
        New-Item -ItemType Directory -Path (Join-Path $local 'up-local-only') -Force | Out-Null
        $line = "$Command /up"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

        $completions | Should -Contain '/updates'
        $completions | Should -Contain "'/upload folder'"
        $completions | Should -Not -Contain './up-local-only'
        $completions | Where-Object { $_ -match 'local-only' } | Should -BeNullOrEmpty
    }

    It 'completes Send-FtpLiteFile -Destination from the server, and names inside a folder' {
        $line = 'Send-FtpLiteFile ./a.txt -Destination /upd'
        $destination = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $line = "Receive-FtpLiteFile '/upload folder/in"
        $inside = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

        $destination | Should -Be '/updates'
        $inside | Should -Be "'/upload folder/inside.txt'"
    }

    It 'completes server names for Stop-FtpLiteServer and Get-FtpLiteServer, and ids' {
        $line = 'Stop-FtpLiteServer -Name Console'
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $line = 'Get-FtpLiteServer -Id '
        $ids = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

        $names | Should -Be 'ConsoleViews'
        $ids | Should -Contain "$($server.Id)"
    }
}
