using System.Management.Automation.Runspaces;
namespace FtpLite.PowerShell.Tests;
public class EngineSmokeTests { [Fact] public void Runs() { using var rs = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2()); rs.Open(); using var ps = System.Management.Automation.PowerShell.Create(); ps.Runspace = rs; var r = ps.AddScript("1..3 | ForEach-Object { $_ * 2 } | Where-Object { $_ -gt 2 }").Invoke(); Assert.Equal(2, r.Count); } }
