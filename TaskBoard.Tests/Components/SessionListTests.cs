using Bunit;
using TaskBoard.Data.Sessions;
using TaskBoard.Web.Account;

namespace TaskBoard.Tests.Components;

public sealed class SessionListTests : MudContext
{
    private static AuthSession Session(SessionKind kind, string? name = null, string? userAgent = null) => new()
    {
        Id = Guid.CreateVersion7(), UserId = Guid.CreateVersion7(), Kind = kind, Name = name, UserAgent = userAgent, Ip = "192.0.2.7",
        CreatedAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddDays(7),
    };

    [Fact]
    public void TheCurrentSessionIsMarkedAndOnlyTheOthersCanBeRevoked()
    {
        var current = Session(SessionKind.Browser, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36");
        var other = Session(SessionKind.Api, userAgent: "curl/8.0");
        var token = Session(SessionKind.Token, name: "backup script");
        AuthSession? revoked = null;

        var list = Render<SessionList>(p => p
            .Add(c => c.Sessions, [current, other, token])
            .Add(c => c.CurrentSessionId, current.Id)
            .Add(c => c.OnRevoke, (Action<AuthSession>)(s => revoked = s)));

        var rows = list.FindAll(".tb-session");
        Assert.Equal(3, rows.Count);
        Assert.Equal("true", list.Find($"[data-session-id='{current.Id}']").GetAttribute("data-current"));
        Assert.Contains("This session", rows[0].TextContent);
        Assert.Contains("Chrome", rows[0].TextContent);
        Assert.Contains("curl/8.0", rows[1].TextContent);
        Assert.Contains("backup script", rows[2].TextContent);
        Assert.Empty(list.Find($"[data-session-id='{current.Id}']").QuerySelectorAll(".tb-revoke"));

        list.Find($"[data-session-id='{other.Id}'] .tb-revoke").Click();
        Assert.Same(other, revoked);
    }

    [Fact]
    public void AnEmptyListSaysWhatIsMissing()
    {
        var list = Render<SessionList>(p => p.Add(c => c.Sessions, []).Add(c => c.EmptyText, "No tokens yet."));

        Assert.Equal("No tokens yet.", list.Find(".tb-session-empty").TextContent);
    }
}
