using System.Text.Json;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Interop;

/// <summary>Runs a Python snippet (written to a temp .py file) with python3, standard library only.</summary>
internal static class PythonScript
{
    /// <summary>Runs the script with the arguments; fails the test unless it exits 0.</summary>
    public static async Task<PeerResult> RunAsync(string script, params string[] arguments)
    {
        var python = PeerProgram.Require("python3");
        using var folder = new TempFolder();
        var path = folder.Combine("script.py");
        await File.WriteAllTextAsync(path, script);
        // -I: isolated from the developer's PYTHON* variables and user site packages.
        var result = await PeerProgram.RunAsync(python, new[] { "-I", path }.Concat(arguments));
        return result.AssertSucceeded();
    }

    /// <summary>Runs a script whose last line of output is JSON, and returns that JSON.</summary>
    public static async Task<JsonElement> RunJsonAsync(string script, params string[] arguments)
    {
        var result = await RunAsync(script, arguments);
        var lastLine = result.StandardOutput.TrimEnd().Split('\n').Last();
        try
        {
            return JsonDocument.Parse(lastLine).RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"python3 printed no JSON result:\n{result.StandardOutput}\n{result.StandardError}");
            throw;
        }
    }
}
