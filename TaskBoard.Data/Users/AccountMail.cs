using System.Globalization;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Email;

namespace TaskBoard.Data.Users;

/// <summary>The pages that email links open; the Razor pages with these routes answer them.</summary>
public static class AccountLinks
{
    public const string VerifyEmail = "/verify-email";
    public const string ResetPassword = "/reset-password";
    public const string ConfirmEmail = "/confirm-email";

    /// <summary><paramref name="linkBase"/> (App:PublicUrl, or where the request came from) + page + token.</summary>
    public static string For(Uri linkBase, string page, string token) => new Uri(linkBase, $"{page}?token={token}").ToString();
}

/// <summary>What each account email says: the values its template needs, queued in the outbox.</summary>
public sealed class AccountMail(EmailOutbox outbox, TimeProvider time)
{
    public Task VerifyEmailAsync(AppUser user, string link, TimeSpan valid, CancellationToken cancellationToken = default) =>
        SendAsync(user.Email!, EmailTemplates.VerifyEmail, user, cancellationToken,
            ("Link", link), ("Hours", Whole(valid.TotalHours)));

    public Task ResetPasswordAsync(AppUser user, string link, TimeSpan valid, CancellationToken cancellationToken = default) =>
        SendAsync(user.Email!, EmailTemplates.ResetPassword, user, cancellationToken,
            ("Link", link), ("Minutes", Whole(valid.TotalMinutes)));

    public Task PasswordChangedAsync(AppUser user, string how, CancellationToken cancellationToken = default) =>
        SendAsync(user.Email!, EmailTemplates.PasswordChanged, user, cancellationToken, ("How", how));

    public async Task EmailChangeRequestedAsync(AppUser user, string newEmail, string link, TimeSpan valid, CancellationToken cancellationToken = default)
    {
        await SendAsync(newEmail, EmailTemplates.EmailChangeConfirm, user, cancellationToken,
            ("Link", link), ("Hours", Whole(valid.TotalHours)), ("NewEmail", newEmail), ("OldEmail", user.Email!));
        await SendAsync(user.Email!, EmailTemplates.EmailChangeRequested, user, cancellationToken,
            ("NewEmail", newEmail), ("OldEmail", user.Email!));
    }

    public Task EmailChangedAsync(AppUser user, string oldEmail, CancellationToken cancellationToken = default) =>
        SendAsync(oldEmail, EmailTemplates.EmailChanged, user, cancellationToken, ("NewEmail", user.Email!), ("OldEmail", oldEmail));

    public Task TwoFactorChangedAsync(AppUser user, bool enabled, CancellationToken cancellationToken = default) =>
        SendAsync(user.Email!, enabled ? EmailTemplates.TwoFactorEnabled : EmailTemplates.TwoFactorDisabled, user, cancellationToken);

    public Task PasskeyAddedAsync(AppUser user, string name, CancellationToken cancellationToken = default) =>
        SendAsync(user.Email!, EmailTemplates.PasskeyAdded, user, cancellationToken, ("PasskeyName", name));

    public Task NewSignInAsync(AppUser user, ClientInfo client, string clientName, CancellationToken cancellationToken = default) =>
        SendAsync(user.Email!, EmailTemplates.NewSignIn, user, cancellationToken,
            ("Client", clientName), ("Ip", client.Ip ?? "unknown"));

    private Task SendAsync(string to, string template, AppUser user, CancellationToken cancellationToken, params (string Key, string Value)[] values)
    {
        var all = new Dictionary<string, string>
        {
            ["Name"] = user.DisplayName,
            ["Email"] = user.Email ?? "",
            ["When"] = time.GetUtcNow().UtcDateTime.ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in values)
        {
            all[key] = value;
        }

        return outbox.EnqueueAsync(to, template, all, cancellationToken);
    }

    private static string Whole(double value) => ((int)Math.Round(value)).ToString(CultureInfo.InvariantCulture);
}
