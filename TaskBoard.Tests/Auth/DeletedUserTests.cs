using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Data.Users;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

/// <summary>The app with a one-second session check cache, to see the cache expire on its own.</summary>
public sealed class ShortCheckCacheApp : ApiApp
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Auth:Sessions:CheckCacheDuration"] = "00:00:01";
        return settings;
    }
}

public sealed class DeletedUserTests(ShortCheckCacheApp app) : IClassFixture<ShortCheckCacheApp>
{
    [Fact]
    public async Task TokenOfADeletedUserIsRefusedOnceTheCachedCheckExpires()
    {
        var account = await app.SignUpAsync();
        Assert.Equal((200, null), await app.SessionStatusAsync(account.Token));

        // Deleted behind the app's back (an operator in the database): no revocation event, so only the cache expiry catches it.
        using (var scope = app.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByIdAsync(account.UserId.ToString()))!)).Succeeded);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal((401, "token_invalid"), await app.SessionStatusAsync(account.Token));
    }
}
