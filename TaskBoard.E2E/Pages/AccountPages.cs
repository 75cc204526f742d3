using Microsoft.Playwright;

namespace TaskBoard.E2E.Pages;

/// <summary>The static sign-up and sign-in forms.</summary>
public sealed class AccountPages(IPage page)
{
    /// <summary>The password every E2E account uses (long and uncommon enough for the policy).</summary>
    public const string Password = "a long e2e passphrase";

    /// <summary>An address nobody else in the run uses, so tests never share an account.</summary>
    public static string NewEmail() => $"e2e-{Guid.NewGuid():N}@example.test";

    public ILocator Error => page.Locator("#tb-auth-error");

    public async Task SignUpAsync(string name, string email, string password, string? returnUrl = null)
    {
        await page.GotoAsync(returnUrl is null ? "/signup" : $"/signup?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#name", name);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-up");
    }

    /// <summary>Fills and submits the sign-in form already on screen.</summary>
    public async Task SubmitSignInAsync(string email, string password)
    {
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
    }

    public async Task SignInAsync(string email, string password)
    {
        await page.GotoAsync("/signin");
        await SubmitSignInAsync(email, password);
    }

    public async Task SignOutAsync()
    {
        await page.Locator(".tb-user-menu button").First.ClickAsync();
        await page.GetByText("Sign out").ClickAsync();
        await page.WaitForURLAsync("**/signin**", new() { WaitUntil = WaitUntilState.Commit });
    }
}
