using System.Text.Json;
using Microsoft.OpenApi;
using TaskBoard.Data.Boards;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Boards;

/// <summary>The board and column request bodies as tables (see <see cref="BodyTable{T}"/>): read and published from the same rows.</summary>
public static class BoardBodies
{
    private static readonly Dictionary<string, string> BoardServerOwned = new[] { "id", "createdAt", "updatedAt", "archivedAt", "version" }
        .ToDictionary(n => n, _ => "This field is set by the server and cannot be written.");

    private static readonly Dictionary<string, string> ColumnServerOwned = new[] { "id", "boardId", "version" }
        .ToDictionary(n => n, _ => "This field is set by the server and cannot be written.");

    private const string NameError = "Name must be a string of valid characters.";
    private const string IsDoneError = "IsDone must be true or false.";
    private const string WipLimitError = "WIP limit must be a whole number, or null for none.";

    private static OpenApiSchema BoardName() => ApiSchema.String("The board's name.", 1, Board.NameMaxLength);

    private static OpenApiSchema ColumnName() => ApiSchema.String("The column's name.", 1, BoardColumn.NameMaxLength);

    private static OpenApiSchema IsDone() => ApiSchema.Boolean("Tasks in a done column are completed. Default false.");

    private static OpenApiSchema WipLimit() =>
        ApiSchema.Integer("How many tasks the column should hold at most: more is shown as a warning, never refused. null: no limit.", 1, BoardColumn.MaxWipLimit).OrNull();

    private static bool TryWipLimit(JsonElement value, out int? limit)
    {
        limit = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            limit = number;
            return true;
        }

        return false;
    }

    private static bool TryBool(JsonElement value, out bool flag)
    {
        flag = value.ValueKind == JsonValueKind.True;
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False;
    }

    /// <summary>POST /api/boards/{id}/columns, and each of a new board's columns.</summary>
    public static BodyTable<ColumnDraft> ColumnCreate { get; } = new(
        "ColumnCreate",
        "A new column, added at the right end of the board.",
        [
            new("name", ColumnName, (v, c) => JsonValues.TryString(v, out var name) ? c with { Name = name } : null, NameError),
            new("isDone", IsDone, (v, c) => TryBool(v, out var done) ? c with { IsDone = done } : null, IsDoneError),
            new("wipLimit", WipLimit, (v, c) => TryWipLimit(v, out var limit) ? c with { WipLimit = limit } : null, WipLimitError),
        ],
        ["name"],
        ColumnServerOwned,
        () => new ColumnDraft(""));

    /// <summary>POST /api/boards.</summary>
    public static BodyTable<BoardDraft> BoardCreate { get; } = new(
        "BoardCreate",
        "A new board. Without columns it starts with To do, In progress and Done (done).",
        [
            new("name", BoardName, (v, b) => JsonValues.TryString(v, out var name) ? b with { Name = name } : null, NameError),
            new("columns", () => ApiSchema.Array(new OpenApiSchemaReference(ColumnCreate.SchemaName), "The columns, left to right.", Board.MaxColumns),
                (v, b) => TryColumns(v, out var columns) ? b with { Columns = columns } : null,
                $"Columns must be an array of 1 to {Board.MaxColumns} columns, each with a name and optionally isDone and wipLimit."),
        ],
        ["name"],
        BoardServerOwned,
        () => new BoardDraft(""));

    private static bool TryColumns(JsonElement value, out IReadOnlyList<ColumnDraft> columns)
    {
        columns = [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<ColumnDraft>();
        foreach (var item in value.EnumerateArray())
        {
            var (column, errors) = ColumnCreate.Read(item);
            if (errors.Count > 0)
            {
                return false;
            }

            list.Add(column);
        }

        columns = list;
        return true;
    }

    /// <summary>PATCH /api/boards/{id}.</summary>
    public static BodyTable<BoardPatch> BoardChanges { get; } = new(
        "BoardPatch",
        "Only the fields present change. archived: true archives the board (it leaves lists and searches), false restores it.",
        [
            new("name", BoardName, (v, b) => JsonValues.TryString(v, out var name) ? b with { Name = name } : null, NameError),
            new("archived", () => ApiSchema.Boolean("true archives the board, false restores it."),
                (v, b) => TryBool(v, out var archived) ? b with { Archived = archived } : null, "Archived must be true or false."),
        ],
        [],
        new Dictionary<string, string>(BoardServerOwned) { ["columns"] = "Columns are changed at /api/boards/{id}/columns." },
        () => new BoardPatch());

    /// <summary>PATCH /api/boards/{id}/columns/{columnId}.</summary>
    public static BodyTable<ColumnPatch> ColumnChanges { get; } = new(
        "ColumnPatch",
        "Only the fields present change. Marking a column done completes the tasks in it; unmarking reopens them.",
        [
            new("name", ColumnName, (v, c) => JsonValues.TryString(v, out var name) ? c with { Name = name } : null, NameError),
            new("isDone", IsDone, (v, c) => TryBool(v, out var done) ? c with { IsDone = done } : null, IsDoneError),
            new("wipLimit", WipLimit, (v, c) => TryWipLimit(v, out var limit) ? c with { WipLimit = limit } : null, WipLimitError),
        ],
        [],
        new Dictionary<string, string>(ColumnServerOwned) { ["position"] = "A column is moved with POST /api/boards/{id}/columns/{columnId}/move." },
        () => new ColumnPatch());

    /// <summary>POST /api/boards/{id}/columns/{columnId}/move.</summary>
    public static BodyTable<ColumnMove> ColumnPlacement { get; } = new(
        "ColumnMove",
        "Where to put the column: between the column to its left (beforeId) and the one to its right (afterId). Neither: the right end.",
        [
            new("beforeId", () => ApiSchema.String("The column that will stand directly to the left, or null.", format: "uuid").OrNull(),
                (v, m) => v.ValueKind == JsonValueKind.Null ? m : JsonValues.TryGuid(v, out var id) ? m with { BeforeId = id } : null,
                "Must be a column id or null."),
            new("afterId", () => ApiSchema.String("The column that will stand directly to the right, or null.", format: "uuid").OrNull(),
                (v, m) => v.ValueKind == JsonValueKind.Null ? m : JsonValues.TryGuid(v, out var id) ? m with { AfterId = id } : null,
                "Must be a column id or null."),
        ],
        [],
        new Dictionary<string, string>(),
        () => new ColumnMove());

    public sealed class CreateBoard : IBodyDefinition<BoardDraft>
    {
        public static BodyTable<BoardDraft> Table => BoardCreate;
    }

    public sealed class PatchBoard : IBodyDefinition<BoardPatch>
    {
        public static BodyTable<BoardPatch> Table => BoardChanges;

        public static bool Patch => true;
    }

    public sealed class CreateColumn : IBodyDefinition<ColumnDraft>
    {
        public static BodyTable<ColumnDraft> Table => ColumnCreate;
    }

    public sealed class PatchColumn : IBodyDefinition<ColumnPatch>
    {
        public static BodyTable<ColumnPatch> Table => ColumnChanges;

        public static bool Patch => true;
    }

    public sealed class MoveColumn : IBodyDefinition<ColumnMove>
    {
        public static BodyTable<ColumnMove> Table => ColumnPlacement;
    }
}
