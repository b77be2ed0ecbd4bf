#
# FtpLite: an FTP server and client for PowerShell.
# ModuleVersion is written by the build from <Version> in Directory.Build.props; keep the two equal here too (a test checks).
#
@{
    RootModule           = 'FtpLite.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '7c580279-50bb-40e4-8f30-4b4b79383ca6'
    Author               = 'FtpLite contributors'
    CompanyName          = 'FtpLite contributors'
    Copyright            = '(c) FtpLite contributors'
    Description          = 'An FTP server and client in one module: serve a folder with Start-FtpLiteServer, list and stop servers with Get-/Stop-FtpLiteServer.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')

    FormatsToProcess     = @('FtpLite.format.ps1xml')

    # Every cmdlet by name (no wildcards, so PowerShell need not load the assembly to know them).
    # Only what exists: the client cmdlets are added here when they are written.
    CmdletsToExport      = @(
        'Get-FtpLiteServer'
        'Start-FtpLiteServer'
        'Stop-FtpLiteServer'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('FTP', 'FTPS', 'FileTransfer', 'Server', 'Client', 'Windows', 'Linux', 'MacOS', 'PSEdition_Desktop', 'PSEdition_Core')
            ProjectUri   = 'https://github.com/ftplite/ftplite'
            LicenseUri   = 'https://github.com/ftplite/ftplite/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: Start-FtpLiteServer, Get-FtpLiteServer and Stop-FtpLiteServer.'
        }
    }
}
