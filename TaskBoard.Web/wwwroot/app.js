// TaskBoard's small browser helpers: the remembered theme and the board's keyboard shortcuts.
window.taskboard = {
    rememberTheme(theme) {
        document.cookie = `taskboard.theme=${theme}; path=/; max-age=31536000; samesite=lax`;
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

    const id = event.key === "/" ? "tb-search" : event.key === "n" ? "tb-quick-add-todo" : null;
    const field = id && document.getElementById(id);
    if (field) {
        event.preventDefault();
        field.focus();
    }
});
