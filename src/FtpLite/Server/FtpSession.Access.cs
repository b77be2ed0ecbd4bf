using FtpLite.Protocol;

namespace FtpLite.Server;

internal sealed partial class FtpSession
{
    private static readonly string[] AnonymousNames = { "anonymous", "ftp" };

    // Hashed once, so that a login for an unknown name costs as long as one for a known name.
    private static readonly Lazy<FtpUser> Decoy = new(() => FtpUser.Create("decoy", Guid.NewGuid().ToString()));

    private Task UserAsync(FtpCommandLine command)
    {
        // USER starts a new login, also after a successful one (RFC 959 4.1.1).
        LogOut();
        _pendingUser = command.Argument.Trim();
        // Always 331, whether or not the name exists: no user enumeration.
        return ReplyAsync(331, $"Password required for {_pendingUser}.");
    }

    private async Task PassAsync(FtpCommandLine command)
    {
        if (LoggedIn)
        {
            await ReplyAsync(503, "Already logged in.").ConfigureAwait(false);
            return;
        }
        var name = _pendingUser;
        if (name is null)
        {
            await ReplyAsync(503, "Send USER first.").ConfigureAwait(false);
            return;
        }
        _pendingUser = null;

        var address = HostPortCodec.Normalize(RemoteEndPoint.Address);
        if (_server.LoginThrottle.IsRefused(address))
        {
            // Refused before any check, the right password too: otherwise the refusal would tell a right guess.
            await ReplyAsync(421, "Too many failed logins from your address; try again later.").ConfigureAwait(false);
            _quitRequested = true;
            return;
        }

        if (_options.EffectiveAllowAnonymous && AnonymousNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            var rights = FtpPermissions.Read | (_options.EffectiveAnonymousWrite ? FtpPermissions.Write | FtpPermissions.Delete : FtpPermissions.None);
            await LogInAsync("anonymous", rights, root: null).ConfigureAwait(false);
            return;
        }

        var user = _options.Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));
        // A remembered password is proven by that one HMAC (not computed twice); only it is checked off the thread
        // pool (the socket engine's or the accept thread), since the derivation takes milliseconds.
        var remembered = user is not null && user.IsRememberedPassword(command.Argument);
        if (OnSocketThread && !remembered) await Task.Yield();
        // An unknown name is checked against a decoy, so that its answer takes as long as a wrong password's;
        // with no account at all there is nothing to enumerate and nothing to hash.
        var passwordMatches = remembered || (_options.Users.Count > 0 && (user ?? Decoy.Value).CheckPassword(command.Argument));
        if (user is not null && passwordMatches)
        {
            await LogInAsync(user.Name, user.Permissions, user.Root).ConfigureAwait(false);
            return;
        }

        _failedLogins++;
        _server.LoginThrottle.Failed(address);
        _server.Statistics.LoginFailed();
        _server.Raise(new FtpServerEventArgs(FtpServerEventKind.LoginFailed, Id, RemoteEndPoint, name, $"login failed for '{name}' ({_failedLogins} of {_options.MaxFailedLogins})"));
        // Each failure waits longer: guessing passwords gets slow long before the disconnect.
        var delay = TimeSpan.FromTicks(_options.FailedLoginDelay.Ticks * _failedLogins);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, _closing.Token).ConfigureAwait(false);
        if (_failedLogins >= _options.MaxFailedLogins)
        {
            await ReplyAsync(421, "Too many failed logins; closing the connection.").ConfigureAwait(false);
            _quitRequested = true;
            return;
        }
        await ReplyAsync(530, "Login incorrect.").ConfigureAwait(false);
    }

    private async Task LogInAsync(string userName, FtpPermissions permissions, string? root)
    {
        if (OnSocketThread && !_server.HasStore(root)) await Task.Yield(); // A root's first login makes its store.
        _userName = userName;
        _permissions = permissions;
        _store = _server.GetStore(root);
        _currentDirectory = VirtualPath.Root;
        _server.Raise(Event(FtpServerEventKind.LoginSucceeded, $"logged in ({permissions})"));
        await ReplyAsync(230, $"User {userName} logged in.").ConfigureAwait(false);
    }

    private void LogOut()
    {
        _store = null;
        _userName = null;
        _permissions = FtpPermissions.None;
        _currentDirectory = VirtualPath.Root;
        _restartOffset = 0;
        _renameFrom = null;
    }

    private async Task QuitAsync()
    {
        await ReplyAsync(221, "Goodbye.").ConfigureAwait(false);
        _quitRequested = true;
    }

    /// <summary>Answers 550 and returns false when the session lacks <paramref name="needed"/>.</summary>
    private async Task<bool> AllowedAsync(FtpPermissions needed)
    {
        if ((_permissions & needed) == needed) return true;
        await ReplyAsync(550, "Permission denied.").ConfigureAwait(false);
        return false;
    }

    /// <summary>Resolves a client's path against the current folder; answers 553 and returns null for a name no file may have.</summary>
    private async Task<string?> ResolveAsync(string argument)
    {
        var path = VirtualPath.Resolve(_currentDirectory, argument);
        if (path is null) await ReplyAsync(553, "File name not allowed.").ConfigureAwait(false);
        return path;
    }
}
