// TaskBoard's small browser helpers: the remembered theme and the board's keyboard shortcuts.
window.taskboard = {
    rememberTheme(theme) {
        document.cookie = `taskboard.theme=${theme}; path=/; max-age=31536000; samesite=lax`;
    },
    // Moves focus to a card, a field or a button after the board changed under it (never left on <body>).
    focus(selector) {
        const element = document.querySelector(selector);
        if (element) {
            element.focus();
            return true;
        }
        return false;
    },
    submitForm(id) {
        document.getElementById(id)?.requestSubmit();
    },
};

// "/" focuses search, "n" focuses the To do column's quick add; ignored while typing in a field.
document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey
        || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target?.isContentEditable) {
        return;
    }

    if (event.key === "u") {
        // Undo the last delete: the snackbar's Undo button, from wherever focus is.
        const undo = [...document.querySelectorAll(".mud-snackbar button")].find(b => b.textContent.trim() === "Undo");
        if (undo) {
            event.preventDefault();
            undo.click();
        }
        return;
    }

    // "/" searches; "n" adds a card to the board's first column.
    const field = event.key === "/" ? document.getElementById("tb-search")
        : event.key === "n" ? document.querySelector(".tb-column input[id^='tb-quick-add-']") : null;
    if (field) {
        event.preventDefault();
        field.focus();
    }
});

// Passkeys (WebAuthn). Sign-in: the static sign-in page's button asks the server for options, lets the
// browser pick a passkey, and posts its answer with the page's form. Registration: the account page
// (a circuit) hands over the options and gets the new credential back as JSON.
taskboard.passkeys = {
    supported: () => typeof window.PublicKeyCredential === "function" && typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function",

    async create(optionsJson) {
        try {
            const options = PublicKeyCredential.parseCreationOptionsFromJSON(JSON.parse(optionsJson));
            const credential = await navigator.credentials.create({ publicKey: options });
            return JSON.stringify(credential.toJSON());
        } catch (error) {
            return null; // cancelled, or no authenticator: the page says so
        }
    },

    async signIn(form) {
        const body = new URLSearchParams({ __RequestVerificationToken: form.elements.__RequestVerificationToken.value });
        const response = await fetch("/account/passkeys/request-options", { method: "POST", body, credentials: "same-origin" });
        if (!response.ok) {
            return;
        }

        try {
            const options = PublicKeyCredential.parseRequestOptionsFromJSON(await response.json());
            const credential = await navigator.credentials.get({ publicKey: options });
            form.elements.credential.value = JSON.stringify(credential.toJSON());
            form.submit();
        } catch {
            // Cancelled: the page stays as it was.
        }
    },
};

// On a full page load, and after Blazor's enhanced navigation swaps the page in.
function showPasskeySignIn() {
    const block = document.querySelector("[data-passkey-sign-in]");
    if (block && block.hidden && taskboard.passkeys.supported()) {
        block.hidden = false;
        document.getElementById("tb-passkey-sign-in")
            .addEventListener("click", () => taskboard.passkeys.signIn(document.getElementById("tb-passkey-form")));
    }
}

document.addEventListener("DOMContentLoaded", showPasskeySignIn);
window.Blazor?.addEventListener?.("enhancedload", showPasskeySignIn);

// The browser's time zone, so due days end at midnight where the person is (unless they chose a zone).
document.cookie = `taskboard.tz=${encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone)}; path=/; max-age=31536000; samesite=lax`;

// On a card: the arrow keys go to the card above or below in its column; with Shift they move the card,
// which the board itself does (so here they only keep the page from scrolling).
document.addEventListener("keydown", (event) => {
    const card = event.target instanceof HTMLElement && event.target.classList.contains("tb-card") ? event.target : null;
    if (!card || !event.key.startsWith("Arrow") || event.ctrlKey || event.metaKey || event.altKey) {
        return;
    }

    event.preventDefault();
    if (!event.shiftKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
        const cards = [...card.closest(".tb-column").querySelectorAll(".tb-card")];
        const next = cards[cards.indexOf(card) + (event.key === "ArrowUp" ? -1 : 1)];
        next?.focus();
    }
});
