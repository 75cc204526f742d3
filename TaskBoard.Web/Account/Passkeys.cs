using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskBoard.Data;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Database;
using TaskBoard.Data.Tasks;
using TaskBoard.Data.Users;

namespace TaskBoard.Web.Account;

/// <summary>A passkey as the account page lists it.</summary>
public sealed record PasskeyView(string Id, string Name, DateTimeOffset CreatedAt, DateTime? LastUsedAt);

/// <summary>
/// Passkeys (WebAuthn) with ASP.NET Core Identity's passkey handler: registering one on the account
/// page, and signing in with one (discoverable credentials, so no email is typed). The ceremony
/// state between the options and the browser's answer is kept by the caller (the circuit, or a
/// protected cookie for the sign-in page).
/// </summary>
public sealed class Passkeys(
    UserManager<AppUser> users,
    IOptions<IdentityPasskeyOptions> options,
    IDbContextFactory<TaskBoardDbContext> contextFactory,
    AuditLog audit,
    AccountMail mail,
    TimeProvider time,
    ILogger<Passkeys> logger)
{
    public const int NameMaxLength = 60;

    private PasskeyHandler<AppUser> Handler => new(users, options);

    public async Task<IReadOnlyList<PasskeyView>> ListAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return [];
        }

        await using var db = await contextFactory.CreateDbContextAsync();
        var lastUsed = await db.Set<IdentityUserPasskey<Guid>>().AsNoTracking().Where(p => p.UserId == userId)
            .Select(p => new { p.CredentialId, LastUsedAt = EF.Property<DateTime?>(p, TaskBoardDbContext.LastUsedAtColumn) }).ToListAsync();
        return [.. (await users.GetPasskeysAsync(user))
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyView(
                WebEncoders.Base64UrlEncode(p.CredentialId), p.Name ?? "Passkey", p.CreatedAt,
                lastUsed.FirstOrDefault(l => l.CredentialId.AsSpan().SequenceEqual(p.CredentialId))?.LastUsedAt))];
    }

    /// <summary>The options for <c>navigator.credentials.create()</c>, and the state to hand back with its answer.</summary>
    public async Task<(string OptionsJson, string State)?> BeginRegistrationAsync(Guid userId, HttpContext http)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return null;
        }

        var entity = new PasskeyUserEntity { Id = await users.GetUserIdAsync(user), Name = user.Email!, DisplayName = user.DisplayName };
        var creation = await Handler.MakeCreationOptionsAsync(entity, http);
        return (creation.CreationOptionsJson, creation.AttestationState!);
    }

    /// <summary>Stores the new passkey under <paramref name="name"/>; a sentence saying what went wrong, or null.</summary>
    public async Task<string?> CompleteRegistrationAsync(
        Guid userId, string? name, string credentialJson, string state, HttpContext http, ClientInfo client, CancellationToken cancellationToken = default)
    {
        if (TaskValidator.CheckText("The name", name, NameMaxLength, required: true, multiline: false) is { } nameError)
        {
            return nameError;
        }

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return "This account no longer exists.";
        }

        var attestation = await Handler.PerformAttestationAsync(new PasskeyAttestationContext
        {
            HttpContext = http,
            CredentialJson = credentialJson,
            AttestationState = state,
        });
        if (!attestation.Succeeded || attestation.UserEntity.Id != await users.GetUserIdAsync(user))
        {
            logger.LogWarning("A new passkey for user {UserId} was refused: {Reason}", user.Id, attestation.Failure?.Message ?? "it names another user");
            return "The browser's passkey could not be checked, so it was not added. Try again.";
        }

        attestation.Passkey.Name = name!.Trim();
        var added = await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
        if (!added.Succeeded)
        {
            return "The passkey could not be saved. Try again.";
        }

        await audit.RecordAsync(AuditKinds.PasskeyAdded, user.Id, client, $"passkey \"{attestation.Passkey.Name}\"", cancellationToken);
        await mail.PasskeyAddedAsync(user, attestation.Passkey.Name, cancellationToken);
        return null;
    }

    public async Task<string?> RenameAsync(Guid userId, string id, string? name, ClientInfo client, CancellationToken cancellationToken = default)
    {
        if (TaskValidator.CheckText("The name", name, NameMaxLength, required: true, multiline: false) is { } nameError)
        {
            return nameError;
        }

        var user = await users.FindByIdAsync(userId.ToString());
        var passkey = user is null || !TryDecode(id, out var credentialId) ? null : await users.GetPasskeyAsync(user, credentialId);
        if (passkey is null)
        {
            return "That passkey no longer exists.";
        }

        passkey.Name = name!.Trim();
        await users.AddOrUpdatePasskeyAsync(user!, passkey);
        await audit.RecordAsync(AuditKinds.PasskeyRenamed, userId, client, $"passkey renamed \"{passkey.Name}\"", cancellationToken);
        return null;
    }

    public async Task<bool> RemoveAsync(Guid userId, string id, ClientInfo client, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !TryDecode(id, out var credentialId) || await users.GetPasskeyAsync(user, credentialId) is not { } passkey
            || !(await users.RemovePasskeyAsync(user, credentialId)).Succeeded)
        {
            return false;
        }

        await audit.RecordAsync(AuditKinds.PasskeyRemoved, userId, client, $"passkey \"{passkey.Name}\"", cancellationToken);
        return true;
    }

    /// <summary>The options for <c>navigator.credentials.get()</c> with no user named (discoverable credentials), and the state.</summary>
    public async Task<(string OptionsJson, string State)> BeginSignInAsync(HttpContext http)
    {
        var request = await Handler.MakeRequestOptionsAsync(null, http);
        return (request.RequestOptionsJson, request.AssertionState!);
    }

    /// <summary>The user the browser's answer proves, or null.</summary>
    public async Task<AppUser?> CompleteSignInAsync(string credentialJson, string state, HttpContext http)
    {
        var assertion = await Handler.PerformAssertionAsync(new PasskeyAssertionContext
        {
            HttpContext = http,
            CredentialJson = credentialJson,
            AssertionState = state,
        });
        if (!assertion.Succeeded)
        {
            logger.LogWarning("A passkey sign-in was refused: {Reason}", assertion.Failure.Message);
            return null;
        }

        // The sign count moves on with every use: keep it, and when it was used.
        await users.AddOrUpdatePasskeyAsync(assertion.User, assertion.Passkey);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync();
        await db.Set<IdentityUserPasskey<Guid>>().Where(p => p.CredentialId == assertion.Passkey.CredentialId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => EF.Property<DateTime?>(p, TaskBoardDbContext.LastUsedAtColumn), now));
        return assertion.User;
    }

    private static bool TryDecode(string id, out byte[] credentialId)
    {
        try
        {
            credentialId = WebEncoders.Base64UrlDecode(id);
            return credentialId.Length > 0;
        }
        catch (FormatException)
        {
            credentialId = [];
            return false;
        }
    }
}

public static class PasskeySetup
{
    /// <summary>
    /// Passkeys must be verified by the authenticator (a PIN or biometric), so a passkey counts as
    /// both factors; they are discoverable, so signing in needs no email. With App:PublicUrl, its host
    /// is the relying party; otherwise the host each request was made to.
    /// </summary>
    public static IServiceCollection AddTaskBoardPasskeys(this IServiceCollection services)
    {
        services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<AppOptions>>((passkeys, app) =>
        {
            var publicOrigin = app.Value.Origin;
            passkeys.ResidentKeyRequirement = "required";
            passkeys.UserVerificationRequirement = "required";
            passkeys.ServerDomain = publicOrigin?.Host;
            // The page the browser made the passkey on must be this site: App:PublicUrl, or the address of the request.
            passkeys.ValidateOrigin = context =>
            {
                var expected = publicOrigin ?? new Uri($"{context.HttpContext.Request.Scheme}://{context.HttpContext.Request.Host}");
                return ValueTask.FromResult(!context.CrossOrigin
                    && Uri.TryCreate(context.Origin, UriKind.Absolute, out var origin)
                    && Uri.Compare(origin, expected, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);
            };
        });
        services.AddScoped<Passkeys>();
        return services;
    }
}
