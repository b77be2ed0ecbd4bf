#
# FtpLite: an FTP server and client for PowerShell.
# ModuleVersion is written by the build from <Version> in Directory.Build.props; keep the two equal here too (a test checks).
#
@{
    # A script that loads the assemblies (on PowerShell 7 into a load context of their own) and imports the cmdlets.
    RootModule           = 'FtpLite.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '7c580279-50bb-40e4-8f30-4b4b79383ca6'
    Author               = 'FtpLite contributors'
    CompanyName          = 'FtpLite contributors'
    Copyright            = '(c) FtpLite contributors'
    Description          = 'An FTP server and client in one module: serve a folder with Start-FtpLiteServer; connect, list, send and receive files with Connect-FtpLite, Get-FtpLiteListing, Send-FtpLiteFile and Receive-FtpLiteFile.'
    PowerShellVersion    = '5.1'
    HelpInfoUri          = 'https://github.com/ftplite/ftplite/tree/main/module/FtpLite/en-US'
    CompatiblePSEditions = @('Desktop', 'Core')

    FormatsToProcess     = @('FtpLite.format.ps1xml')

    # Every cmdlet by name (no wildcards, so PowerShell need not load the assembly to know them).
    CmdletsToExport      = @(
        'Connect-FtpLite'
        'Disconnect-FtpLite'
        'Get-FtpLiteFileHash'
        'Get-FtpLiteListing'
        'Get-FtpLiteServer'
        'Get-FtpLiteSession'
        'New-FtpLiteCertificate'
        'New-FtpLiteS3Store'
        'New-FtpLiteDirectory'
        'Receive-FtpLiteFile'
        'Remove-FtpLiteItem'
        'Rename-FtpLiteItem'
        'Send-FtpLiteFile'
        'Start-FtpLiteServer'
        'Stop-FtpLiteServer'
        'Sync-FtpLiteDirectory'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('FTP', 'FTPS', 'FileTransfer', 'Server', 'Client', 'Windows', 'Linux', 'MacOS', 'PSEdition_Desktop', 'PSEdition_Core')
            ProjectUri   = 'https://github.com/ftplite/ftplite'
            LicenseUri   = 'https://github.com/ftplite/ftplite/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: the server cmdlets (with FTPS), and the client cmdlets: sessions, listing, upload, download, resume, hashes, folders. On PowerShell 7 the module loads its assemblies in an AssemblyLoadContext of its own, so two versions can be used in one session; Remove-Module and Import-Module -Force warn when they stop servers or close sessions. New-FtpLiteS3Store serves an S3 bucket (Start-FtpLiteServer -Store), with the AWS SDK loaded on first use into the load context of the module.'
        }
    }
}
