#
# FtpLite's root module: it loads the two assemblies (FtpLite.PowerShell.dll, the cmdlets, and FtpLite.dll, the library)
# and imports the cmdlets from them. Nothing else lives here.
#
# On PowerShell 7 the assemblies go into an AssemblyLoadContext of their own, one per module folder ("the ALC loader"
# of PowerShell's "Resolving PowerShell module assembly dependency conflicts"). The default context can hold only one
# assembly of a name, so without this a second FtpLite version (or another module shipping a FtpLite.dll) fails with
# "Assembly with same name is already loaded". The loader is this script, not a loader assembly: a loader assembly in
# the default context would itself clash between two versions, and netstandard2.0 has no AssemblyLoadContext type.
#
# The S3 store and the AWS SDK in the S3 subfolder are not loaded here: New-FtpLiteS3Store loads them into this same
# context on first use (S3Assemblies.cs), so an import never brings in an AWSSDK.Core.
#
# Windows PowerShell 5.1 has no load contexts: the assemblies load as any binary module's do, and a second version
# in the same session fails as it always has there.
#
$importModule = Get-Command -Name Import-Module -Module Microsoft.PowerShell.Core  # not a user's proxy of it

# ReadyToRun: the linux-x64 subfolder holds copies of the two assemblies with native code for that platform (compiled
# when the module is built, see FtpLite.PowerShell.csproj), so the first cmdlet call in a session does not wait for the
# JIT. They are loaded instead of the portable ones on PowerShell 7 on x64 Linux only: an R2R image is marked for its
# platform, and Windows PowerShell 5.1 (.NET Framework) refuses to load one made for another. Everywhere else the
# portable assemblies beside this file load as before. Help, the format file and the S3 subfolder stay here.
$assemblyFolder = $PSScriptRoot
if ($PSEdition -eq 'Core' -and $IsLinux -and [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64') {
    $readyToRun = [System.IO.Path]::Combine($PSScriptRoot, 'linux-x64')
    if ([System.IO.File]::Exists([System.IO.Path]::Combine($readyToRun, 'FtpLite.PowerShell.dll'))) { $assemblyFolder = $readyToRun }
}

if ($PSEdition -eq 'Core') {
    # The context is named after this folder, and found again by that name: Import-Module -Force (and every runspace
    # that imports this folder) reuses it instead of loading the same files into yet another context, which .NET
    # would keep for the life of the process. The lock keeps two runspaces importing at once from making two.
    $contextName = "FtpLite $PSScriptRoot"
    $gate = [System.Runtime.Loader.AssemblyLoadContext]
    [System.Threading.Monitor]::Enter($gate)
    try {
        # Plain loops, no Utility cmdlets: a host may offer only Microsoft.PowerShell.Core (InitialSessionState.CreateDefault2).
        $context = $null
        foreach ($candidate in [System.Runtime.Loader.AssemblyLoadContext]::All) {
            if ($candidate.Name -eq $contextName) { $context = $candidate; break }
        }
        if (-not $context) {
            $context = [System.Runtime.Loader.AssemblyLoadContext]::new($contextName, $false)
            # The library first: the cmdlet assembly's reference to FtpLite then binds to this copy, already in the
            # context. PowerShell's own assemblies and the framework still come from the default context, so the
            # cmdlets' types (Cmdlet, PSObject…) are the ones the engine knows.
            $null = $context.LoadFromAssemblyPath([System.IO.Path]::Combine($assemblyFolder, 'FtpLite.dll'))
            $null = $context.LoadFromAssemblyPath([System.IO.Path]::Combine($assemblyFolder, 'FtpLite.PowerShell.dll'))
        }
    }
    finally {
        [System.Threading.Monitor]::Exit($gate)
    }
    foreach ($loaded in $context.Assemblies) {
        if ($loaded.GetName().Name -eq 'FtpLite.PowerShell') { $cmdletAssembly = $loaded }
        if ($loaded.GetName().Name -eq 'FtpLite') { $libraryAssembly = $loaded }
    }
    # PowerShell finds a type named in a script ([FtpLite.Client.FtpEncryption]) in the default context and in the
    # assemblies of imported modules only. The library has no cmdlets, but imported as a (nested, empty) module its
    # types resolve by name as they did before the isolation.
    $null = & $importModule -Assembly $libraryAssembly -ErrorAction Stop
}
else {
    $cmdletAssembly = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'FtpLite.PowerShell.dll'))
}

$cmdletModule = & $importModule -Assembly $cmdletAssembly -PassThru -ErrorAction Stop

# Import-Module -Force hands back PowerShell's cached module for an assembly it has seen, without making its cmdlets
# this script module's exports again (PowerShell/PowerShell#20710): without this, a forced re-import exports nothing.
# The method is internal; should a PowerShell drop it, the first import still works and only -Force would export nothing.
$addExportedCmdlet = [System.Management.Automation.PSModuleInfo].GetMethod('AddExportedCmdlet', [System.Reflection.BindingFlags]'Instance, NonPublic')
if ($addExportedCmdlet) {
    foreach ($cmdlet in $cmdletModule.ExportedCmdlets.Values) {
        $addExportedCmdlet.Invoke($ExecutionContext.SessionState.Module, @(, $cmdlet))
    }
}

# Remove-Module (and Import-Module -Force, which removes first) stops this session's servers and closes its client
# sessions; say so, naming them, rather than let them vanish (why not keep them: see ModuleCleanup.cs).
$script:moduleCleanup = $cmdletAssembly.GetType('FtpLite.PowerShell.Infrastructure.ModuleCleanup', $true)
$ExecutionContext.SessionState.Module.OnRemove = {
    $stopped = $script:moduleCleanup::StopOwned()
    if (-not $stopped) { return }
    if (Get-Command -Name Write-Warning -ErrorAction Ignore) { Write-Warning $stopped }
    else { $Host.UI.WriteWarningLine($stopped) }  # a host without Microsoft.PowerShell.Utility
}
