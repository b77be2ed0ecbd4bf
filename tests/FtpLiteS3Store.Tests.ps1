#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# New-FtpLiteS3Store with Start-FtpLiteServer -Store, against a throw-away Swift with the S3 API on 127.0.0.1
# (tests/support/swift.sh), each scenario in a fresh pwsh: the AWS SDK loads at most once per process, so the
# order "another AWSSDK.Core first, then ours" (and the reverse) can only be shown in a new process each.
# Without Swift the transfer tests skip with the reason, or fail when FTPLITE_REQUIRE_PEERS=1.

BeforeAll {
    . "$PSScriptRoot/support/ChildPwsh.ps1"
    $built = (Resolve-Path "$PSScriptRoot/../out/FtpLite").Path
    $nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    # AWSSDK.Core 3.7 (assembly version 3.3.0.0), restored by tests/tools/TestTools.csproj; and the 4.x the S3 store
    # itself builds against, loaded from the NuGet cache: the same assembly version as the module's copy (4.0.0.0, as
    # every 4.x), another file — what a current AWS.Tools module puts in the default context.
    $otherCore = Join-Path $nugetRoot 'awssdk.core/3.7.402/lib/netcoreapp3.1/AWSSDK.Core.dll'
    $sameVersionCore = Join-Path $nugetRoot 'awssdk.core/4.1.1/lib/net8.0/AWSSDK.Core.dll'
    $bucket = 'ftplite-pester'
    $keys = @{ AWS_ACCESS_KEY_ID = 'test:tester'; AWS_SECRET_ACCESS_KEY = 'testing'; AWS_REGION = 'us-east-1' }

    $swiftScript = Join-Path $PSScriptRoot 'support/swift.sh'
    $swiftFolder = Join-Path ([System.IO.Path]::GetTempPath()) ('ftplite-swift-' + [guid]::NewGuid().ToString('N'))
    $endpoint = $null
    $unavailable = if (-not (Test-Path -LiteralPath '/usr/bin/python3')) { "Debian's /usr/bin/python3 is missing (tests/peers/get-swift.sh installs python3-swift)" }
    if (-not $unavailable) {
        $started = & /usr/bin/timeout 150 /bin/sh $swiftScript start $swiftFolder 2>&1
        if ($LASTEXITCODE -ne 0) { $unavailable = "Swift did not start (exit $LASTEXITCODE): $($started -join ' ')" }
        else { $endpoint = ($started | Where-Object { "$_" -like 'endpoint=*' } | Select-Object -First 1).ToString().Substring(9) }
    }
    if ($endpoint) {
        # The bucket, made with an S3 signature version 2 (swift.sh's own probe does the same): the store serves a
        # bucket, it does not create one.
        $date = [DateTime]::UtcNow.ToString('r')
        $hmac = [System.Security.Cryptography.HMACSHA1]::new([Text.Encoding]::UTF8.GetBytes($keys.AWS_SECRET_ACCESS_KEY))
        $signature = [Convert]::ToBase64String($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes("PUT`n`n`n$date`n/$bucket")))
        $response = Invoke-WebRequest -Method Put -Uri "$endpoint/$bucket" -SkipHttpErrorCheck -Headers @{ Date = $date; Authorization = "AWS $($keys.AWS_ACCESS_KEY_ID):$signature" }
        if ($response.StatusCode -notin 200, 409) { $unavailable = "Swift did not create the bucket (HTTP $($response.StatusCode))" }
    }

    function Skip-WithoutSwift {
        if (-not $unavailable) { return }
        if ($env:FTPLITE_REQUIRE_PEERS -eq '1') { throw "Swift is required (FTPLITE_REQUIRE_PEERS=1): $unavailable" }
        Set-ItResult -Skipped -Because $unavailable
    }

    # A child pwsh that runs $Before, imports the module, serves the bucket (under a prefix of its own) with
    # Start-FtpLiteServer -Store, uploads, lists and downloads one file, runs $After, and prints one JSON line.
    function Invoke-S3Round([string] $Name, [string] $Before = '', [string] $After = '') {
        $folder = Join-Path $TestDrive $Name
        New-Item -ItemType Directory -Path $folder | Out-Null
        $upload = Join-Path $folder 'upload.bin'
        $bytes = [byte[]]::new(300000)
        [System.Random]::new(13).NextBytes($bytes)
        [System.IO.File]::WriteAllBytes($upload, $bytes)
        $run = Invoke-ChildPwsh -Environment $keys -TimeoutSeconds 180 -Script @"
`$ErrorActionPreference = 'Stop'
$Before
Import-Module '$built'
`$store = New-FtpLiteS3Store -Bucket $bucket -Endpoint '$endpoint' -Prefix '$Name-$([guid]::NewGuid().ToString('N'))'
`$server = Start-FtpLiteServer -Store `$store -Port 0
try {
    Send-FtpLiteFile -Path '$upload' -Destination /in -Server 127.0.0.1 -Port `$server.Port
    `$listing = @(Get-FtpLiteListing -Path /in -Server 127.0.0.1 -Port `$server.Port)
    Receive-FtpLiteFile -Path /in/upload.bin -Destination '$folder/back' -Server 127.0.0.1 -Port `$server.Port
}
finally {
    Stop-FtpLiteServer -InputObject `$server
}
$After
`$storeContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$store.GetType().Assembly)
`$ourCore = `$storeContext.Assemblies | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' }
`$defaultCores = @([System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' })
[pscustomobject]@{
    Listed         = (`$listing | ForEach-Object Name) -join ','
    ListedLength   = (`$listing | ForEach-Object Length) -join ','
    StoreContext   = `$storeContext.Name
    OurCore        = `$ourCore.Location
    DefaultCores   = (`$defaultCores | ForEach-Object { `$_.Location }) -join ','
    DefaultVersion = (`$defaultCores | ForEach-Object { `$_.GetName().Version.ToString() }) -join ','
    OtherAnswers   = if (`$defaultCores) { [Amazon.Runtime.BasicAWSCredentials]::new('other-key', 'other-secret').GetCredentials().AccessKey } else { '' }
} | ConvertTo-Json -Compress
"@
        if ($run.ExitCode -ne 0) { throw "The child pwsh failed ($($run.ExitCode)): $($run.Errors) $($run.Output -join ' ')" }
        $result = $run.Output[-1] | ConvertFrom-Json
        $result | Add-Member -NotePropertyName Same -NotePropertyValue ((Get-FileHash "$folder/back/upload.bin").Hash -eq (Get-FileHash $upload).Hash)
        $result
    }
}

AfterAll {
    if ($endpoint -or (Test-Path -LiteralPath $swiftFolder)) { & /usr/bin/timeout 60 /bin/sh $swiftScript stop $swiftFolder *> $null }
    if (Test-Path -LiteralPath $swiftFolder) { Remove-Item -LiteralPath $swiftFolder -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Start-FtpLiteServer -Store (New-FtpLiteS3Store)' -Skip:($PSEdition -ne 'Core') {
    It 'serves an S3 bucket: an upload is listed and downloads byte for byte' {
        Skip-WithoutSwift
        $result = Invoke-S3Round -Name plain
        $result.Listed | Should -Be 'upload.bin'
        $result.ListedLength | Should -Be '300000'
        $result.Same | Should -BeTrue
        $result.OurCore | Should -BeLike "$built/S3/AWSSDK.Core.dll"
        $result.StoreContext | Should -Be "FtpLite $built"
        $result.DefaultCores | Should -BeNullOrEmpty -Because 'the AWS SDK goes into the module''s load context only'
    }

    It 'works beside another AWSSDK.Core version loaded first, which keeps answering' {
        Skip-WithoutSwift
        $result = Invoke-S3Round -Name other-first -Before "`$null = Add-Type -Path '$otherCore' -PassThru"
        $result.Same | Should -BeTrue
        $result.Listed | Should -Be 'upload.bin'
        $result.OurCore | Should -BeLike "$built/S3/AWSSDK.Core.dll"
        $result.DefaultCores | Should -Be $otherCore
        $result.DefaultVersion | Should -Be '3.3.0.0'
        $result.OtherAnswers | Should -Be 'other-key'
    }

    It 'works beside an AWSSDK.Core of the same assembly version from another file, loaded first' {
        Skip-WithoutSwift
        # Assembly.LoadFrom, as a module's RequiredAssemblies loads: Add-Type would list every type, and this copy's
        # AWSSDK.Extensions.Numerics is not beside it.
        $result = Invoke-S3Round -Name same-version-first -Before "`$null = [System.Reflection.Assembly]::LoadFrom('$sameVersionCore')"
        $result.Same | Should -BeTrue
        $result.OurCore | Should -BeLike "$built/S3/AWSSDK.Core.dll" -Because 'our context binds its own copy, not the default context''s'
        $result.DefaultCores | Should -Be $sameVersionCore
        $result.OtherAnswers | Should -Be 'other-key'
    }

    It 'lets another AWSSDK.Core version load after it, and still serves' {
        Skip-WithoutSwift
        # The store made (the SDK loaded) before the other version arrives; the transfers run after.
        $before = "Import-Module '$built'; `$null = New-FtpLiteS3Store -Bucket $bucket -Endpoint '$endpoint'; `$null = Add-Type -Path '$otherCore' -PassThru"
        $result = Invoke-S3Round -Name other-after -Before $before
        $result.Same | Should -BeTrue
        $result.DefaultVersion | Should -Be '3.3.0.0'
        $result.OtherAnswers | Should -Be 'other-key'
    }
}

Describe 'New-FtpLiteS3Store refusals' {
    BeforeAll {
        # No keys anywhere: empty AWS_* variables, a HOME without ~/.aws, and no instance metadata to ask.
        $scratchHome = Join-Path $TestDrive 'no-aws-home'
        New-Item -ItemType Directory -Path $scratchHome | Out-Null
        $noKeys = @{
            HOME = $scratchHome; AWS_ACCESS_KEY_ID = ''; AWS_SECRET_ACCESS_KEY = ''; AWS_SESSION_TOKEN = ''; AWS_PROFILE = ''
            AWS_SHARED_CREDENTIALS_FILE = (Join-Path $scratchHome 'none'); AWS_CONFIG_FILE = (Join-Path $scratchHome 'none')
            AWS_EC2_METADATA_DISABLED = 'true'; AWS_CONTAINER_CREDENTIALS_RELATIVE_URI = ''; AWS_CONTAINER_CREDENTIALS_FULL_URI = ''
            AWS_WEB_IDENTITY_TOKEN_FILE = ''
        }
        function Get-Refusal([string] $Arguments, [hashtable] $Environment) {
            $run = Invoke-ChildPwsh -Environment $Environment -Script @"
Import-Module '$built'
`$before = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -like 'AWSSDK*' }).Count
try { New-FtpLiteS3Store $Arguments -ErrorAction Stop; 'no error' }
catch { [pscustomobject]@{ Id = `$_.FullyQualifiedErrorId; Category = `$_.CategoryInfo.Category.ToString(); Message = `$_.Exception.Message; SdkBeforeUse = `$before } | ConvertTo-Json -Compress }
"@
            $run.Output[-1] | ConvertFrom-Json
        }
    }

    It 'says there are no credentials when neither the environment nor a profile has keys' {
        $refusal = Get-Refusal '-Bucket b -Endpoint http://127.0.0.1:1' $noKeys
        $refusal.Id | Should -BeLike 'FtpLite.StoreCredentialsNotFound,*'
        $refusal.Category | Should -Be 'AuthenticationError'
        $refusal.Message | Should -BeLike '*AWS_ACCESS_KEY_ID*'
        $refusal.SdkBeforeUse | Should -Be 0 -Because 'importing the module loads no AWS SDK'
    }

    It 'says a named profile does not exist' {
        $refusal = Get-Refusal '-Bucket b -ProfileName nosuchprofile' $noKeys
        $refusal.Id | Should -BeLike 'FtpLite.StoreCredentialsNotFound,*'
        $refusal.Category | Should -Be 'ObjectNotFound'
        $refusal.Message | Should -BeLike "*nosuchprofile*"
    }

    It 'refuses a bucket name with a path in it' {
        $refusal = Get-Refusal '-Bucket b/folder' $keys
        $refusal.Id | Should -BeLike 'FtpLite.InvalidStoreOption,*'
        $refusal.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses an endpoint that is not http or https' {
        $refusal = Get-Refusal '-Bucket b -Endpoint ftp://127.0.0.1' $keys
        $refusal.Id | Should -BeLike 'FtpLite.InvalidStoreOption,*'
    }

    It 'has no parameter that takes a secret' {
        Import-Module "$built/FtpLite.psd1" -Force
        $parameters = (Get-Command New-FtpLiteS3Store -ErrorAction Stop).Parameters.Keys
        $parameters | Should -Contain 'ProfileName'
        $parameters | Should -Not -Match 'Secret|AccessKey|Password|Credential'
    }
}
