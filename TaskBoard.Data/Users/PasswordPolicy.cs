using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace TaskBoard.Data.Users;

/// <summary>
/// OWASP ASVS 5.0 passwords: 8 to 128 characters, no composition rules, and not one of the
/// common passwords people and attackers both try first (compared case-insensitively).
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<AppUser>
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    private static readonly Lazy<FrozenSet<string>> CommonPasswords = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(Check(password) is { } error ? IdentityResult.Failed(error) : IdentityResult.Success);

    public static IdentityError? Check(string? password)
    {
        var length = password?.EnumerateRunes().Count() ?? 0;
        if (length < MinLength)
        {
            return new IdentityError { Code = "PasswordTooShort", Description = $"Use at least {MinLength} characters." };
        }

        if (length > MaxLength)
        {
            return new IdentityError { Code = "PasswordTooLong", Description = $"Use at most {MaxLength} characters." };
        }

        return CommonPasswords.Value.Contains(password!.ToLowerInvariant())
            ? new IdentityError { Code = "PasswordTooCommon", Description = "This password is too common; choose one that is harder to guess." }
            : null;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("TaskBoard.Data.Users.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from TaskBoard.Data.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line.ToLowerInvariant());
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
