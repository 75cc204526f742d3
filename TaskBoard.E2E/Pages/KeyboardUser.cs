using Microsoft.Playwright;

namespace TaskBoard.E2E.Pages;

/// <summary>
/// Someone who uses only the keyboard: reaches things with Tab, presses keys, and never touches the mouse.
/// <see cref="StartAsync"/> makes the page count every mouse or pointer event (across navigations), so a
/// test can prove none happened.
/// </summary>
public sealed class KeyboardUser(IPage page)
{
    // Trusted mouse and pointer events; a click from Enter or Space has no pointer behind it (detail 0).
    private const string CountMouse = """
        for (const type of ["mousedown", "mouseup", "mousemove", "pointerdown", "pointerup", "pointermove", "wheel", "click", "contextmenu"]) {
            document.addEventListener(type, event => {
                if (event.isTrusted && (type !== "click" || event.detail > 0)) {
                    sessionStorage.setItem("tb-mouse", String(Number(sessionStorage.getItem("tb-mouse") ?? "0") + 1));
                    sessionStorage.setItem("tb-mouse-last", type);
                }
            }, true);
        }
        """;

    public static async Task<KeyboardUser> StartAsync(IPage page)
    {
        await page.Context.AddInitScriptAsync(CountMouse);
        return new KeyboardUser(page);
    }

    /// <summary>How many mouse events the page saw, and the last one's kind ("0" when none).</summary>
    public Task<string> MouseEventsAsync() => page.EvaluateAsync<string>(
        "() => sessionStorage.getItem('tb-mouse') ? `${sessionStorage.getItem('tb-mouse')}, the last a ${sessionStorage.getItem('tb-mouse-last')}` : '0'");

    public Task PressAsync(string key) => page.Keyboard.PressAsync(key);

    public Task TypeAsync(string text) => page.Keyboard.TypeAsync(text);

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="target"/> has focus.</summary>
    public async Task TabToAsync(ILocator target, bool backwards = false, int most = 120)
    {
        await target.WaitForAsync();
        for (var presses = 0; presses <= most; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        throw new InvalidOperationException($"{most} presses of {(backwards ? "Shift+Tab" : "Tab")} never reached {target}; focus is on {await FocusedAsync()}.");
    }

    /// <summary>The focused element, shortly described.</summary>
    public Task<string> FocusedAsync() => page.EvaluateAsync<string>(
        "() => { const e = document.activeElement; return e ? e.outerHTML.slice(0, 160) : 'nothing'; }");

    /// <summary>Focus is somewhere a keyboard user can carry on from: on an element, not the page itself.</summary>
    public Task ExpectFocusNotOnBodyAsync() => Assertions.Expect(page.Locator("body")).Not.ToBeFocusedAsync();
}
