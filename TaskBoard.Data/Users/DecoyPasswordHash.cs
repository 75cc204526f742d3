using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TaskBoard.Data.Users;

/// <summary>
/// A hash of a random password, made with the same work factor as real ones. Verifying against it
/// when no real hash applies (unknown email, locked account) makes those attempts cost what a wrong
/// password costs, so response time does not reveal which accounts exist.
/// </summary>
public sealed class DecoyPasswordHash
{
    private static readonly AppUser Nobody = new();
    private readonly PasswordHasher<AppUser> hasher;
    private readonly Lazy<string> hash;

    public DecoyPasswordHash(IOptions<PasswordHasherOptions> options)
    {
        hasher = new PasswordHasher<AppUser>(options);
        hash = new Lazy<string>(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString()));
    }

    public void Verify(string password) => hasher.VerifyHashedPassword(Nobody, hash.Value, password);
}
