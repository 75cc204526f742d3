using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Sharing;

/// <summary>Invitations over the API with real email: what the inviter learns, and joining a board as a newcomer.</summary>
public sealed class InvitationApiTests(MailApp app) : IClassFixture<MailApp>
{
    private static async Task<JsonElement> JsonOfAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task InvitingAnAddressWithAnAccountAndOneWithoutGetsTheSameAnswerAndTheSameEmail()
    {
        var owner = await app.SignUpAsync();
        var known = await app.SignUpAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.test";
        using var client = app.Client(owner.Token);
        var board = await JsonOfAsync(await client.PostAsJsonAsync("/api/boards", new { name = "Garden" }));

        var toKnown = await client.PostAsJsonAsync($"/api/boards/{board.GetProperty("id")}/invitations", new { email = known.Email, role = "viewer" });
        var toUnknown = await client.PostAsJsonAsync($"/api/boards/{board.GetProperty("id")}/invitations", new { email = unknown, role = "viewer" });

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (toKnown.StatusCode, toUnknown.StatusCode));
        static string Shape(JsonElement invitation) => string.Join(",", invitation.EnumerateObject()
            .Where(p => p.Name is not ("id" or "email" or "createdAt" or "expiresAt")).Select(p => $"{p.Name}={p.Value}"));
        Assert.Equal(Shape(await JsonOfAsync(toKnown)), Shape(await JsonOfAsync(toUnknown)));
        // The same email too, but for the address and the link's secret: it does not tell the invitee's account apart either.
        var toKnownMail = await app.Smtp.WaitForAsync(known.Email, m => m.Subject!.Contains("Garden", StringComparison.Ordinal));
        var toUnknownMail = await app.Smtp.WaitForAsync(unknown, m => m.Subject!.Contains("Garden", StringComparison.Ordinal));
        static string Text(MimeKit.MimeMessage message, string address) =>
            message.TextBody!.Replace(SmtpCapture.Link(message), "LINK", StringComparison.Ordinal).Replace(address, "ADDRESS", StringComparison.Ordinal);
        Assert.Equal(toKnownMail.Subject, toUnknownMail.Subject);
        Assert.Equal(
            System.Text.RegularExpressions.Regex.Replace(Text(toKnownMail, known.Email), "invitation=[0-9a-f-]+", "ID"),
            System.Text.RegularExpressions.Regex.Replace(Text(toUnknownMail, unknown), "invitation=[0-9a-f-]+", "ID"));
    }

    [Fact]
    public async Task ANewcomerSignsUpWithTheInvitedAddressAndJoinsWithTheEmailedLink()
    {
        var owner = await app.SignUpAsync();
        using var ownerClient = app.Client(owner.Token);
        var board = await JsonOfAsync(await ownerClient.PostAsJsonAsync("/api/boards", new { name = "Trip" }));
        var boardId = board.GetProperty("id").GetGuid();
        var email = $"newcomer-{Guid.NewGuid():N}@example.test";
        var invitation = await JsonOfAsync(await ownerClient.PostAsJsonAsync($"/api/boards/{boardId}/invitations", new { email, role = "editor" }));
        var message = await app.Smtp.WaitForAsync(email, m => m.Subject!.Contains("Trip", StringComparison.Ordinal));
        Assert.StartsWith($"{MailApp.PublicUrl}/invitations?token=", SmtpCapture.Link(message));
        Assert.Contains($"invitation={invitation.GetProperty("id")}", message.TextBody, StringComparison.Ordinal);

        using var anonymous = app.Client();
        var signUp = await JsonOfAsync(await anonymous.PostAsJsonAsync("/api/auth/sign-up", new { email, password = "a newcomer's passphrase", name = "Newcomer" }));
        using var newcomer = app.Client(signUp.GetProperty("accessToken").GetString());
        var accept = $"/api/invitations/{invitation.GetProperty("id")}/accept";

        // Not confirmed yet: the list stays closed, and accepting needs the link's secret.
        var list = await newcomer.GetAsync("/api/invitations");
        Assert.Equal((HttpStatusCode.Forbidden, "email_not_verified"), (list.StatusCode, await Problems.CodeAsync(list)));
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.PostAsync(accept, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.PostAsJsonAsync(accept, new { token = "guessed" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.GetAsync($"/api/boards/{boardId}")).StatusCode);

        var joined = await JsonOfAsync(await newcomer.PostAsJsonAsync(accept, new { token = SmtpCapture.Token(message) }));
        Assert.Equal((boardId, "editor", "Trip"), (joined.GetProperty("id").GetGuid(), joined.GetProperty("role").GetString(), joined.GetProperty("name").GetString()));
        var members = await ownerClient.GetFromJsonAsync<JsonElement>($"/api/boards/{boardId}/members");
        Assert.Equal(["owner", "editor"], members.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(HttpStatusCode.Created, (await newcomer.PostAsJsonAsync("/api/tasks", new { title = "Book the train", boardId })).StatusCode);
        Assert.Empty((await ownerClient.GetFromJsonAsync<JsonElement>($"/api/boards/{boardId}/invitations")).GetProperty("items").EnumerateArray());
    }
}
