using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Npgsql;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Live;

/// <summary>Two app processes on one PostgreSQL database, as behind a load balancer.</summary>
public sealed class TwoInstancesApp : BrowserApp
{
    protected override int InstanceCount => 2;
}

public sealed class TwoInstanceTests(TwoInstancesApp apps) : IClassFixture<TwoInstancesApp>
{
    private const int A = 0;
    private const int B = 1;

    private async Task<(string Email, BoardPage Board, IPage Page)> BoardOnAsync(int instance)
    {
        var email = AccountPages.NewEmail();
        var page = await apps.NewPageAsync(instance: instance);
        await new AccountPages(page).SignUpAsync("Scale Tester", email, AccountPages.Password);
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        return (email, board, page);
    }

    private async Task<HttpClient> ApiOnAsync(int instance, string email)
    {
        var api = new HttpClient { BaseAddress = apps.Instances[instance].BaseAddress };
        var signIn = await api.PostAsJsonAsync("/api/auth/sign-in", new { email, password = AccountPages.Password });
        Assert.True(signIn.IsSuccessStatusCode, await signIn.Content.ReadAsStringAsync());
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api;
    }

    [Fact]
    public async Task AWriteThroughOneInstanceAppearsOnABoardOpenOnTheOther()
    {
        var (email, board, _) = await BoardOnAsync(B);
        using var api = await ApiOnAsync(A, email);

        Assert.True((await api.PostAsJsonAsync("/api/tasks", new { title = "written on A" })).IsSuccessStatusCode);

        await Assertions.Expect(board.Column("To do").Locator(".tb-card").Filter(new() { HasText = "written on A" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task ATokenSignedOutOnOneInstanceStopsWorkingOnTheOtherWithinSeconds()
    {
        var (email, _, _) = await BoardOnAsync(A);
        using var onA = await ApiOnAsync(A, email);
        using var onB = new HttpClient { BaseAddress = apps.Instances[B].BaseAddress };
        onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/tasks")).StatusCode); // B now has the check cached

        Assert.Equal(HttpStatusCode.NoContent, (await onA.PostAsync("/api/auth/sign-out", null)).StatusCode);

        // Well inside the 30 s the check stays cached: only the notification can make B refuse this soon.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var status = HttpStatusCode.OK;
        while (DateTime.UtcNow < deadline && (status = (await onB.GetAsync("/api/tasks")).StatusCode) == HttpStatusCode.OK)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task RevokingABrowserSessionThroughOneInstanceSignsOutTheBoardOnTheOther()
    {
        var (email, _, pageOnB) = await BoardOnAsync(B);
        using var onA = await ApiOnAsync(A, email);
        var sessions = await onA.GetFromJsonAsync<JsonElement[]>("/api/sessions");
        var browserSession = sessions!.Single(s => s.GetProperty("kind").GetString() == "browser").GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await onA.DeleteAsync($"/api/sessions/{browserSession}")).StatusCode);

        await pageOnB.WaitForURLAsync("**/signin**", new() { WaitUntil = WaitUntilState.Commit, Timeout = 20_000 });
    }

    [Fact]
    public async Task AfterTheListenerConnectionIsKilledUpdatesResumeAndTheBoardCatchesUp()
    {
        var (email, board, _) = await BoardOnAsync(B);
        using var api = await ApiOnAsync(A, email);

        await using (var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'taskboard-listener' AND datname = $1", admin);
            kill.Parameters.AddWithValue(apps.DatabaseName);
            Assert.True((long)(await kill.ExecuteScalarAsync())! >= 2, "both instances' listeners should have been connected");
        }

        // Written while the listeners are reconnecting: the board must still catch up.
        Assert.True((await api.PostAsJsonAsync("/api/tasks", new { title = "during the outage" })).IsSuccessStatusCode);
        await Assertions.Expect(board.Column("To do").Locator(".tb-card").Filter(new() { HasText = "during the outage" }))
            .ToHaveCountAsync(1, new() { Timeout = 20_000 });

        Assert.True((await api.PostAsJsonAsync("/api/tasks", new { title = "after reconnecting" })).IsSuccessStatusCode);
        await Assertions.Expect(board.Column("To do").Locator(".tb-card").Filter(new() { HasText = "after reconnecting" })).ToHaveCountAsync(1);
        Assert.Contains("Change listener reconnected", apps.Instances[B].Output);
    }

    /// <summary>
    /// The owner works through instance A and the member's browser is on instance B: the owner's new card and
    /// move reach the member's open board, and removing the member closes it there within seconds.
    /// </summary>
    [Fact]
    public async Task AMembersBoardOnTheOtherInstanceFollowsTheOwnersChangesAndClosesWhenTheyAreRemoved()
    {
        var (ownerEmail, _, _) = await BoardOnAsync(A);
        var (memberEmail, _, memberPage) = await BoardOnAsync(B);
        using var owner = await ApiOnAsync(A, ownerEmail);
        using var member = await ApiOnAsync(B, memberEmail);
        var board = (await owner.GetFromJsonAsync<JsonElement>("/api/boards")).GetProperty("items")[0];
        var boardId = board.GetProperty("id").GetGuid();
        var doing = board.GetProperty("columns")[1].GetProperty("id").GetGuid();

        // The member's address counts as confirmed (as after its emailed link), so the invitation is theirs to accept.
        await using (var db = new NpgsqlConnection(apps.ConnectionString))
        {
            await db.OpenAsync();
            await using var confirm = new NpgsqlCommand("UPDATE users SET email_confirmed = true WHERE normalized_email = upper($1)", db);
            confirm.Parameters.AddWithValue(memberEmail);
            Assert.Equal(1, await confirm.ExecuteNonQueryAsync());
        }

        var invited = await owner.PostAsJsonAsync($"/api/boards/{boardId}/invitations", new { email = memberEmail, role = "editor" });
        var invitation = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsync($"/api/invitations/{invitation}/accept", null)).StatusCode);
        await memberPage.GotoAsync($"/boards/{boardId}");
        var memberBoard = new BoardPage(memberPage);
        await memberBoard.WaitReadyAsync();

        var created = await (await owner.PostAsJsonAsync("/api/tasks", new { title = "from the owner on A", boardId })).Content.ReadFromJsonAsync<JsonElement>();
        await Assertions.Expect(memberBoard.Column("To do").Locator(".tb-card").Filter(new() { HasText = "from the owner on A" })).ToHaveCountAsync(1);
        Assert.True((await owner.PostAsJsonAsync($"/api/tasks/{created.GetProperty("id")}/move", new { columnId = doing })).IsSuccessStatusCode);
        await Assertions.Expect(memberBoard.Column("In progress").Locator(".tb-card").Filter(new() { HasText = "from the owner on A" })).ToHaveCountAsync(1);

        var memberId = (await member.GetFromJsonAsync<JsonElement>("/api/auth/session")).GetProperty("user").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/boards/{boardId}/members/{memberId}")).StatusCode);
        await Assertions.Expect(memberPage.Locator("#tb-board-missing")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/boards/{boardId}")).StatusCode);
    }
}
