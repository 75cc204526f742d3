using System.Threading.Channels;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Sessions;

namespace TaskBoard.Data.Users;

/// <summary>A "forgot my password" request, as typed, waiting to be looked at.</summary>
public sealed record PasswordResetRequest(string Email, Uri LinkBase, ClientInfo Client);

/// <summary>
/// "Forgot my password" requests are queued and answered at once, the same way for every address
/// (known, unknown or throttled): the lookup and the email happen afterwards, in <see cref="PasswordResetWorker"/>,
/// so neither the answer nor its timing says whether an account exists.
/// </summary>
public sealed class PasswordResetRequests
{
    private readonly Channel<PasswordResetRequest> queue =
        Channel.CreateBounded<PasswordResetRequest>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(string? email, Uri linkBase, ClientInfo client)
    {
        if (!string.IsNullOrWhiteSpace(email) && email.Length <= AccountService.EmailMaxLength)
        {
            queue.Writer.TryWrite(new PasswordResetRequest(email.Trim(), linkBase, client));
        }
    }

    internal ChannelReader<PasswordResetRequest> Reader => queue.Reader;
}

/// <summary>Sends the reset links for queued requests.</summary>
public sealed class PasswordResetWorker(PasswordResetRequests requests, IServiceScopeFactory scopes, ILogger<PasswordResetWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in requests.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<PasswordReset>().SendLinkAsync(request, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Could not handle a password reset request");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}

/// <summary>
/// Getting back into an account by email: a single-use link valid for 30 minutes (stored only as a
/// hash); using it sets the new password, ends every session and token, clears the sign-in
/// throttle, and says so by email.
/// </summary>
public sealed class PasswordReset(
    UserManager<AppUser> users, AccountTokens tokens, AccountMail mail, SessionService sessions, SignInThrottle throttle, AuditLog audit, TimeProvider time)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(30);

    /// <summary>At most one link per account in this time, however often it is asked for.</summary>
    public static readonly TimeSpan Pace = TimeSpan.FromMinutes(2);

    internal async Task SendLinkAsync(PasswordResetRequest request, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email);
        if (user is null)
        {
            return;
        }

        if (await tokens.LastIssuedAsync(user.Id, AccountTokenPurpose.ResetPassword, cancellationToken) is { } last
            && time.GetUtcNow().UtcDateTime - last < Pace)
        {
            await audit.RecordAsync(AuditKinds.PasswordResetRequested, user.Id, request.Client, "not sent: a link went out moments ago", cancellationToken);
            return;
        }

        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.ResetPassword, LinkLifetime, cancellationToken: cancellationToken);
        await mail.ResetPasswordAsync(user, AccountLinks.For(request.LinkBase, AccountLinks.ResetPassword, token), LinkLifetime, cancellationToken);
        await audit.RecordAsync(AuditKinds.PasswordResetRequested, user.Id, request.Client, "reset link sent", cancellationToken);
    }

    /// <summary>Whether the link still works (to show its form, or say at once that it does not).</summary>
    public async Task<bool> IsValidAsync(string? token, CancellationToken cancellationToken = default) =>
        await tokens.PeekAsync(AccountTokenPurpose.ResetPassword, token, cancellationToken) is not null;

    public async Task<AccountResult> ResetAsync(string? token, string? newPassword, ClientInfo client, CancellationToken cancellationToken = default)
    {
        // The rules first: a refused password must not use up the link.
        if (PasswordPolicy.Check(newPassword) is { } policyError)
        {
            return AccountResult.Invalid("newPassword", policyError.Description);
        }

        var redeemed = await tokens.RedeemAsync(AccountTokenPurpose.ResetPassword, token, cancellationToken);
        var user = redeemed is null ? null : await users.FindByIdAsync(redeemed.UserId.ToString());
        if (user is null)
        {
            return AccountResult.Invalid("token", "This link has expired or was already used. Ask for a new one.");
        }

        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), newPassword!);
        if (!reset.Succeeded)
        {
            return new AccountResult(AccountOutcome.Invalid, Errors: AccountService.IdentityErrors(reset, "newPassword"));
        }

        if (!user.EmailConfirmed)
        {
            // The link arrived: the address is the owner's.
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        var revoked = await sessions.RevokeOthersAsync(user.Id, keep: null, cancellationToken);
        await tokens.RevokeAllAsync(user.Id, AccountTokenPurpose.TwoFactorSignIn, cancellationToken);
        await tokens.RevokeAllAsync(user.Id, AccountTokenPurpose.ResetPassword, cancellationToken);
        await throttle.ClearAsync(user.Email!, cancellationToken);
        await audit.RecordAsync(AuditKinds.PasswordReset, user.Id, client, $"password reset by email; {revoked} session(s) and token(s) revoked", cancellationToken);
        await mail.PasswordChangedAsync(user, "with a reset link from an email", cancellationToken);
        return new AccountResult(AccountOutcome.Ok, user);
    }
}
