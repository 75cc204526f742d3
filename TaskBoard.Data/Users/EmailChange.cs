using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Audit;

namespace TaskBoard.Data.Users;

/// <summary>
/// Moving an account to another address: after the current password, a link goes to the new
/// address and a notice to the old one; nothing changes until the link is opened.
/// </summary>
public sealed class EmailChange(UserManager<AppUser> users, AccountTokens tokens, AccountMail mail, SignInThrottle throttle, AuditLog audit)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    public async Task<AccountResult> RequestAsync(
        Guid userId, string? newEmail, string? currentPassword, Uri linkBase, ClientInfo client, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return new AccountResult(AccountOutcome.InvalidCredentials);
        }

        newEmail = newEmail?.Trim();
        if (AccountService.CheckEmail(newEmail) is { } emailError)
        {
            return AccountResult.Invalid("newEmail", emailError);
        }

        if (string.Equals(newEmail, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            return AccountResult.Invalid("newEmail", "That is already your address.");
        }

        if (string.IsNullOrEmpty(currentPassword))
        {
            return AccountResult.Invalid("currentPassword", "Enter your current password.");
        }

        var attempt = await throttle.BeginAsync(user.Email!, cancellationToken);
        if (!attempt.Allowed)
        {
            return new AccountResult(AccountOutcome.LockedOut, user, LockedUntil: attempt.LockedUntil);
        }

        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, user.Id, client, "wrong current password (email change)", cancellationToken);
            return new AccountResult(AccountOutcome.InvalidCredentials);
        }

        await throttle.ClearAsync(user.Email!, cancellationToken);
        if (await users.FindByEmailAsync(newEmail!) is not null)
        {
            return new AccountResult(AccountOutcome.EmailTaken);
        }

        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.ChangeEmail, LinkLifetime, data: newEmail, cancellationToken: cancellationToken);
        await mail.EmailChangeRequestedAsync(user, newEmail!, AccountLinks.For(linkBase, AccountLinks.ConfirmEmail, token), LinkLifetime, cancellationToken);
        await audit.RecordAsync(AuditKinds.EmailChangeRequested, user.Id, client, "confirmation link sent to the new address", cancellationToken);
        return new AccountResult(AccountOutcome.Ok, user);
    }

    /// <summary>Whether the link still works, and the address it moves to.</summary>
    public async Task<string?> PendingAddressAsync(string? token, CancellationToken cancellationToken = default) =>
        (await tokens.PeekAsync(AccountTokenPurpose.ChangeEmail, token, cancellationToken))?.Data;

    public async Task<AccountResult> ConfirmAsync(string? token, ClientInfo client, CancellationToken cancellationToken = default)
    {
        var redeemed = await tokens.RedeemAsync(AccountTokenPurpose.ChangeEmail, token, cancellationToken);
        var user = redeemed is null ? null : await users.FindByIdAsync(redeemed.UserId.ToString());
        if (user is null || redeemed?.Data is not { } newEmail)
        {
            return AccountResult.Invalid("token", "This link has expired or was already used. Ask for a new one on the account page.");
        }

        var oldEmail = user.Email!;
        user.Email = newEmail;
        user.UserName = newEmail;
        user.EmailConfirmed = true;
        IdentityResult updated;
        try
        {
            updated = await users.UpdateAsync(user);
        }
        catch (DbUpdateException)
        {
            return new AccountResult(AccountOutcome.EmailTaken);
        }

        if (!updated.Succeeded)
        {
            return updated.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                ? new AccountResult(AccountOutcome.EmailTaken)
                : new AccountResult(AccountOutcome.Invalid, Errors: AccountService.IdentityErrors(updated));
        }

        await audit.RecordAsync(AuditKinds.EmailChanged, user.Id, client, "email address changed", cancellationToken);
        await mail.EmailChangedAsync(user, oldEmail, cancellationToken);
        return new AccountResult(AccountOutcome.Ok, user);
    }
}
