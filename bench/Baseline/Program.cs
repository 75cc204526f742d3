using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

// The practical limit for TaskBoard's API on this machine: Kestrel, the same JWT validation (HS256,
// issuer, audience, lifetime), and each endpoint's query written by hand with raw Npgsql, with the same
// access rule inside it (the caller is a member of the task's board: any role to read, editor or owner to
// write), as TaskBoard decides it since boards are shared. No session check, no validation
// beyond what the query needs, no logging. Configured by environment variables:
// BASELINE_POSTGRES (connection string) and BASELINE_JWT_SECRET, BASELINE_URL.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(Environment.GetEnvironmentVariable("BASELINE_URL") ?? "http://127.0.0.1:5099");
var secret = Environment.GetEnvironmentVariable("BASELINE_JWT_SECRET") ?? throw new InvalidOperationException("Set BASELINE_JWT_SECRET.");
var connectionString = Environment.GetEnvironmentVariable("BASELINE_POSTGRES") ?? throw new InvalidOperationException("Set BASELINE_POSTGRES.");
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
builder.Services.AddAuthentication().AddJwtBearer(o =>
{
    o.MapInboundClaims = false;
    o.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = "taskboard",
        ValidAudience = "taskboard-api",
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
    };
});
builder.Services.AddAuthorization();
var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

const string Columns = "t.id, t.title, t.description, t.board_id, t.column_id, t.priority, t.due_at, t.tags, t.position, t.created_at, t.updated_at, t.completed_at, t.version, t.due_is_date, " +
    "t.assignee_ids, t.created_by, t.updated_by";
// The access rule: the caller ($2) is a member of the task's board; writes need an editor's role (2) or the owner's (3).
const string Reachable = "EXISTS (SELECT 1 FROM board_member m WHERE m.board_id = t.board_id AND m.user_id = $2)";
const string Editable = "EXISTS (SELECT 1 FROM board_member m WHERE m.board_id = t.board_id AND m.user_id = $2 AND m.role >= 2)";
string[] priorities = ["none", "low", "medium", "high", "urgent"];

var api = app.MapGroup("/api/tasks").RequireAuthorization();

api.MapGet("/", async (HttpContext http, NpgsqlDataSource db, Guid columnId, int? limit) =>
{
    await using var command = db.CreateCommand(
        $"SELECT {Columns} FROM task t WHERE t.column_id = $1 AND {Reachable} ORDER BY t.position, t.id LIMIT $3");
    command.Parameters.Add(new() { Value = columnId });
    command.Parameters.Add(new() { Value = UserId(http) });
    command.Parameters.Add(new() { Value = (limit ?? 50) + 1 });
    await using var reader = await command.ExecuteReaderAsync();
    http.Response.ContentType = "application/json";
    await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
    json.WriteStartObject();
    json.WriteStartArray("items");
    var count = 0;
    while (await reader.ReadAsync() && count++ < (limit ?? 50))
    {
        WriteTask(json, reader);
    }

    json.WriteEndArray();
    json.WriteNull("nextCursor");
    json.WriteEndObject();
});

api.MapGet("/{id:guid}", async (Guid id, HttpContext http, NpgsqlDataSource db) =>
{
    await using var command = db.CreateCommand($"SELECT {Columns} FROM task t WHERE t.id = $1 AND {Reachable}");
    command.Parameters.Add(new() { Value = id });
    command.Parameters.Add(new() { Value = UserId(http) });
    await RespondWithOneAsync(http, command, StatusCodes.Status200OK);
});

api.MapPost("/", async (HttpContext http, NpgsqlDataSource db) =>
{
    using var body = await JsonDocument.ParseAsync(http.Request.Body);
    var userId = UserId(http);
    await using var command = db.CreateCommand(
        $"""
        WITH target AS (
            SELECT c.id, c.board_id, c.is_done FROM board b JOIN board_column c ON c.board_id = b.id
             WHERE b.owner_id = $2 AND b.archived_at IS NULL ORDER BY b.id, c.position LIMIT 1)
        INSERT INTO task AS t (id, created_by, updated_by, board_id, column_id, title, priority, tags, position, created_at, updated_at, completed_at, version, due_is_date)
        SELECT $1, $2, $2, target.board_id, target.id, $3, 0, ARRAY[]::text[],
               coalesce((SELECT max(position) FROM task WHERE column_id = target.id), 0) + 1024, now(), now(),
               CASE WHEN target.is_done THEN now() END, 1, false
          FROM target
        RETURNING {Columns}
        """);
    command.Parameters.Add(new() { Value = Guid.CreateVersion7() });
    command.Parameters.Add(new() { Value = userId });
    command.Parameters.Add(new() { Value = body.RootElement.GetProperty("title").GetString() });
    await RespondWithOneAsync(http, command, StatusCodes.Status201Created);
});

api.MapPatch("/{id:guid}", async (Guid id, HttpContext http, NpgsqlDataSource db) =>
{
    using var body = await JsonDocument.ParseAsync(http.Request.Body);
    await using var command = db.CreateCommand(
        $"UPDATE task t SET title = $3, updated_at = now(), updated_by = $2, version = t.version + 1 WHERE t.id = $1 AND {Editable} RETURNING {Columns}");
    command.Parameters.Add(new() { Value = id });
    command.Parameters.Add(new() { Value = UserId(http) });
    command.Parameters.Add(new() { Value = body.RootElement.GetProperty("title").GetString() });
    await RespondWithOneAsync(http, command, StatusCodes.Status200OK);
});

api.MapPost("/{id:guid}/move", async (Guid id, HttpContext http, NpgsqlDataSource db) =>
{
    using var body = await JsonDocument.ParseAsync(http.Request.Body);
    var columnId = body.RootElement.GetProperty("columnId").GetGuid();
    await using var command = db.CreateCommand(
        $"""
        UPDATE task t SET column_id = c.id, board_id = c.board_id, updated_at = now(), updated_by = $2, version = t.version + 1,
               completed_at = CASE WHEN c.is_done THEN coalesce(t.completed_at, now()) END,
               position = (SELECT coalesce(max(position), 0) + 1024 FROM task WHERE column_id = c.id AND id <> $1)
          FROM board_column c JOIN board_member cm ON cm.board_id = c.board_id AND cm.user_id = $2 AND cm.role >= 2
         WHERE t.id = $1 AND c.id = $3 AND {Editable}
        RETURNING {Columns}
        """);
    command.Parameters.Add(new() { Value = id });
    command.Parameters.Add(new() { Value = UserId(http) });
    command.Parameters.Add(new() { Value = columnId });
    await RespondWithOneAsync(http, command, StatusCodes.Status200OK);
});

app.MapGet("/health/ready", () => Results.Ok());
app.Run();

Guid UserId(HttpContext http) => Guid.Parse(http.User.FindFirstValue("sub")!);

async Task RespondWithOneAsync(HttpContext http, NpgsqlCommand command, int status)
{
    await using var reader = await command.ExecuteReaderAsync();
    if (!await reader.ReadAsync())
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }

    http.Response.StatusCode = status;
    http.Response.ContentType = "application/json";
    await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
    WriteTask(json, reader);
}

void WriteTask(Utf8JsonWriter json, NpgsqlDataReader row)
{
    json.WriteStartObject();
    json.WriteString("id", row.GetGuid(0));
    json.WriteString("title", row.GetString(1));
    WriteNullable(json, "description", row, 2, () => json.WriteString("description", row.GetString(2)));
    json.WriteString("boardId", row.GetGuid(3));
    json.WriteString("columnId", row.GetGuid(4));
    json.WriteString("priority", priorities[row.GetInt16(5)]);
    // A due day (due_is_date) is shown as dueDate, a due time as dueAt; the other one is null.
    var dueIsDate = row.GetBoolean(13);
    if (row.IsDBNull(6) || dueIsDate)
    {
        json.WriteNull("dueAt");
    }
    else
    {
        json.WriteString("dueAt", Stamp(row.GetDateTime(6)));
    }

    if (row.IsDBNull(6) || !dueIsDate)
    {
        json.WriteNull("dueDate");
    }
    else
    {
        json.WriteString("dueDate", DateOnly.FromDateTime(row.GetDateTime(6)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    json.WriteStartArray("tags");
    foreach (var tag in row.GetFieldValue<string[]>(7))
    {
        json.WriteStringValue(tag);
    }

    json.WriteEndArray();
    json.WriteStartArray("assigneeIds");
    foreach (var assignee in row.GetFieldValue<Guid[]>(14))
    {
        json.WriteStringValue(assignee);
    }

    json.WriteEndArray();
    WriteNullable(json, "createdBy", row, 15, () => json.WriteString("createdBy", row.GetGuid(15)));
    WriteNullable(json, "updatedBy", row, 16, () => json.WriteString("updatedBy", row.GetGuid(16)));
    json.WriteNumber("position", row.GetDouble(8));
    json.WriteBoolean("completed", !row.IsDBNull(11));
    json.WriteString("createdAt", Stamp(row.GetDateTime(9)));
    json.WriteString("updatedAt", Stamp(row.GetDateTime(10)));
    WriteNullable(json, "completedAt", row, 11, () => json.WriteString("completedAt", Stamp(row.GetDateTime(11))));
    json.WriteNumber("version", row.GetInt32(12));
    json.WriteEndObject();
}

// Timestamps as TaskBoard writes them: UTC with exactly six fractional digits.
static string Stamp(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

static void WriteNullable(Utf8JsonWriter json, string name, NpgsqlDataReader row, int ordinal, Action write)
{
    if (row.IsDBNull(ordinal))
    {
        json.WriteNull(name);
    }
    else
    {
        write();
    }
}
