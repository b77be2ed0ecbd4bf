#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The module as a user installs it: the .nupkg that build.ps1 -Package makes (Compress-PSResource of out/FtpLite),
# published to a folder repository, installed with Install-PSResource, imported by name in a fresh pwsh, used.
# Needs the built module (build.ps1 or dotnet build) and PSResourceGet 1.1 or later (pwsh 7.6 ships 1.2.1).

BeforeAll {
    . "$PSScriptRoot/support/ChildPwsh.ps1"
    $built = (Resolve-Path "$PSScriptRoot/../out/FtpLite").Path
    $version = (Import-PowerShellDataFile "$built/FtpLite.psd1").ModuleVersion

    # PSResourceGet keeps its repositories in a per-user file (LocalApplicationData/PSResourceGet), and -Scope
    # CurrentUser installs into the user's module folder (under HOME on Linux and macOS). The children get a scratch
    # HOME and XDG_DATA_HOME, so the user's own repositories and modules are neither read nor changed; the file is also
    # compared before and after, to be sure. The scratch folders must exist: .NET answers "" for a special folder that
    # does not, and PSResourceGet would then write its file relative to the working directory (a scratch one, too).
    $scratchHome = Join-Path $TestDrive 'home'
    $data = Join-Path $scratchHome '.local/share'
    $userModules = Join-Path $data 'powershell/Modules'
    New-Item -ItemType Directory -Path $data, (Join-Path $TestDrive 'cwd') | Out-Null
    $environment = @{ HOME = $scratchHome; XDG_DATA_HOME = $data; PSModulePath = $userModules }
    $userRepositories = Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'PSResourceGet/PSResourceRepository.xml'
    $repositoriesBefore = if (Test-Path -LiteralPath $userRepositories) { Get-Content -LiteralPath $userRepositories -Raw } else { $null }

    $repository = Join-Path $TestDrive 'repository'
    New-Item -ItemType Directory -Path $repository | Out-Null
}

AfterAll {
    $repositoriesAfter = if (Test-Path -LiteralPath $userRepositories) { Get-Content -LiteralPath $userRepositories -Raw } else { $null }
    if ($repositoriesAfter -ne $repositoriesBefore) {
        # Put the user's file back as it was; the test that checks it fails below.
        if ($null -eq $repositoriesBefore) { Remove-Item -LiteralPath $userRepositories } else { Set-Content -LiteralPath $userRepositories -Value $repositoriesBefore -NoNewline }
    }
}

# Compress-PSResource came with PSResourceGet 1.1; pwsh 7.6 ships 1.2.1.
Describe 'The FtpLite package' -Skip:(-not (Get-Command -Name Compress-PSResource -ErrorAction Ignore)) {
    BeforeAll {
        $package = Compress-PSResource -Path $built -DestinationPath $repository -PassThru
        $install = Invoke-ChildPwsh -Environment $environment -WorkingDirectory (Join-Path $TestDrive 'cwd') -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name FtpLiteLocal -Uri '$repository' -Trusted
try {
    Install-PSResource -Name FtpLite -Repository FtpLiteLocal -Scope CurrentUser -Quiet
    (Get-InstalledPSResource -Name FtpLite).InstalledLocation
}
finally {
    Unregister-PSResourceRepository -Name FtpLiteLocal
}
"@

        'installed and working' | Set-Content -LiteralPath (Join-Path $TestDrive 'upload.txt') -NoNewline
        $served = Join-Path $TestDrive 'served'
        New-Item -ItemType Directory -Path $served | Out-Null
        $use = Invoke-ChildPwsh -Environment $environment -WorkingDirectory (Join-Path $TestDrive 'cwd') -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module FtpLite
`$server = Start-FtpLiteServer -Root '$served' -Port 0
try {
    `$sent = Send-FtpLiteFile -PassThru -Path '$TestDrive/upload.txt' -Destination /in -Server 127.0.0.1 -Port `$server.Port
    `$back = Receive-FtpLiteFile -PassThru -Path /in/upload.txt -Destination '$TestDrive/back' -Server 127.0.0.1 -Port `$server.Port
}
finally {
    Stop-FtpLiteServer -InputObject `$server
}
[pscustomobject]@{
    ModuleBase = (Get-Module FtpLite).ModuleBase
    Version    = (Get-Module FtpLite).Version.ToString()
    Sent       = `$sent.Bytes
    Received   = `$back.Bytes
} | ConvertTo-Json -Compress
"@
        $used = if ($use.ExitCode -eq 0) { $use.Output[-1] | ConvertFrom-Json } else { $null }
    }

    It 'is a .nupkg named after the module and its version' {
        $package.Name | Should -Be "FtpLite.$version.nupkg"
    }

    It 'installs with Install-PSResource from a folder repository' {
        $install.Errors | Should -BeNullOrEmpty
        $install.ExitCode | Should -Be 0
        $install.Output[-1] | Should -BeLike "$userModules*"
        Join-Path $userModules "FtpLite/$version/FtpLite.psd1" | Should -Exist
        Join-Path $userModules "FtpLite/$version/LICENSE" | Should -Exist
    }

    It 'installs the S3 subfolder whole, as New-FtpLiteS3Store loads it' {
        $installedS3 = @(Get-ChildItem -LiteralPath (Join-Path $userModules "FtpLite/$version/S3") -File | ForEach-Object Name | Sort-Object)
        $installedS3 | Should -Contain 'FtpLite.Storage.S3.dll'
        $installedS3 | Should -Contain 'AWSSDK.Core.dll'
        $installedS3 | Should -Be @(Get-ChildItem -LiteralPath (Join-Path $built 'S3') -File | ForEach-Object Name | Sort-Object)
    }

    It 'imports by name in a fresh pwsh, serves and transfers a file' {
        $use.Errors | Should -BeNullOrEmpty
        $used.ModuleBase | Should -Be (Join-Path $userModules "FtpLite/$version")
        $used.Version | Should -Be $version
        $used.Sent | Should -Be 21
        $used.Received | Should -Be 21
        Get-Content -LiteralPath (Join-Path $TestDrive 'back/upload.txt') -Raw | Should -Be 'installed and working'
    }

    It "leaves the user's own PSResourceGet repositories as they were, and registers the test's in the scratch home" {
        $now = if (Test-Path -LiteralPath $userRepositories) { Get-Content -LiteralPath $userRepositories -Raw } else { $null }
        $now | Should -Be $repositoriesBefore
        Join-Path $data 'PSResourceGet/PSResourceRepository.xml' | Should -Exist
        Join-Path $TestDrive 'cwd/PSResourceGet' | Should -Not -Exist
    }
}
