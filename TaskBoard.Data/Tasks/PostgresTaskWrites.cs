using Npgsql;
using NpgsqlTypes;

namespace TaskBoard.Data.Tasks;

/// <summary>
/// The usual task writes on PostgreSQL in one round trip each, with the task's history row written by the
/// same statement: a create at the bottom of the default column, a patch of a task's own fields, a move to
/// the bottom of a column of the same board. Each keeps the access rule (an editor's membership) inside
/// its statement and the version check of <see cref="TaskService"/>'s general path; anything these do not
/// cover (no row came back) is left to that path, which also says why a write was refused.
/// </summary>
internal static class PostgresTaskWrites
{
    /// <summary>Every column of a task, in the order <see cref="Read"/> reads them (from a row source named t).</summary>
    private const string Columns =
        "t.id, t.created_by, t.updated_by, t.board_id, t.column_id, t.title, t.description, t.priority, t.due_at, t.due_is_date, " +
        "t.tags, t.assignee_ids, t.position, t.created_at, t.updated_at, t.completed_at, t.version, t.idempotency_key, t.idempotency_fingerprint";

    /// <summary>The caller ($2) may edit the board of the row named t.</summary>
    private const string Edits = "EXISTS (SELECT 1 FROM board_member m WHERE m.board_id = t.board_id AND m.user_id = $2 AND m.role >= 2)";

    /// <summary>The first column of the caller's default board (see BoardService.DefaultPlace), with the task's history entry.</summary>
    private static readonly string CreateSql =
        $"""
        WITH place AS (
            SELECT c.id, c.board_id, c.is_done, c.name FROM board_column c JOIN board b ON b.id = c.board_id
             WHERE b.owner_id = $2 AND b.archived_at IS NULL ORDER BY b.id, c.position LIMIT 1),
        created AS (
            INSERT INTO task AS t (id, created_by, updated_by, board_id, column_id, title, description, priority, due_at, due_is_date,
                                   tags, assignee_ids, position, created_at, updated_at, completed_at, version, idempotency_key, idempotency_fingerprint)
            SELECT $1, $2, $2, p.board_id, p.id, $3, $4, $5, $6, $7, $8, ARRAY[]::uuid[],
                   coalesce((SELECT max(x.position) FROM task x WHERE x.column_id = p.id), 0) + {TaskPositions.PositionStep},
                   $9, $9, CASE WHEN p.is_done THEN $9 END, 1, $10, $11
              FROM place p
            RETURNING {Columns}),
        history AS (
            INSERT INTO task_activity (id, task_id, actor_id, at, kind, details)
            SELECT $12, t.id, $2, $9, 'created', json_build_object('column', p.name)::text FROM created t, place p)
        SELECT * FROM created
        """;

    /// <summary>
    /// A patch of title, description, priority, due date and tags ($n true: set field to $n+1). The row is written
    /// only when something differs and only at the version it was read at; both rows come back ('o' as it was, 'n' as written).
    /// </summary>
    private const string PatchSql =
        $"""
        WITH old AS (
            SELECT {Columns} FROM task t WHERE t.id = $1 AND {Edits}),
        proposed AS (
            SELECT t.id, t.version,
                   CASE WHEN $5 THEN $6::text ELSE t.title END AS title,
                   CASE WHEN $7 THEN $8::text ELSE t.description END AS description,
                   CASE WHEN $9 THEN $10::smallint ELSE t.priority END AS priority,
                   CASE WHEN $11 THEN $12::timestamptz ELSE t.due_at END AS due_at,
                   CASE WHEN $11 THEN $13::boolean ELSE t.due_is_date END AS due_is_date,
                   CASE WHEN $14 THEN $15::text[] ELSE t.tags END AS tags
              FROM old t WHERE $3::integer IS NULL OR t.version = $3),
        edits AS (
            SELECT n.*, n.title <> o.title AS renamed,
                   concat_ws(', ', CASE WHEN n.description IS DISTINCT FROM o.description THEN 'description' END,
                                   CASE WHEN n.priority <> o.priority THEN 'priority' END,
                                   CASE WHEN n.due_at IS DISTINCT FROM o.due_at OR n.due_is_date <> o.due_is_date THEN 'due' END,
                                   CASE WHEN n.tags <> o.tags THEN 'tags' END) AS fields
              FROM proposed n JOIN old o ON o.id = n.id),
        wanted AS (
            SELECT * FROM edits WHERE renamed OR fields <> ''),
        written AS (
            UPDATE task t SET title = w.title, description = w.description, priority = w.priority, due_at = w.due_at,
                   due_is_date = w.due_is_date, tags = w.tags, version = t.version + 1, updated_at = $4, updated_by = $2
              FROM wanted w WHERE t.id = w.id AND t.version = w.version
            RETURNING {Columns}),
        history AS (
            INSERT INTO task_activity (id, task_id, actor_id, at, kind, details)
            SELECT $16, t.id, $2, $4, 'renamed', json_build_object('from', o.title, 'to', t.title)::text
              FROM written t JOIN old o ON o.id = t.id JOIN wanted w ON w.id = t.id WHERE w.renamed
            UNION ALL
            SELECT $17, t.id, $2, $4, 'edited', json_build_object('fields', w.fields)::text
              FROM written t JOIN wanted w ON w.id = t.id WHERE w.fields <> '')
        SELECT 'o' AS row_kind, EXISTS (SELECT 1 FROM wanted) AS wanted, t.* FROM old t
        UNION ALL
        SELECT 'n', true, t.* FROM written t
        """;

    /// <summary>
    /// A move to the bottom of column $3 on the task's own board: first the board's lock (so that no two moves take one
    /// position), then, in a statement that sees every move before it, the move and its history. One batch, one round trip.
    /// </summary>
    private static readonly string LockSql =
        $"SELECT {TaskPositions.PostgresBoardLock("c.board_id")} FROM board_column c WHERE c.id = $1 " +
        "AND EXISTS (SELECT 1 FROM board_member m WHERE m.board_id = c.board_id AND m.user_id = $2 AND m.role >= 2)";

    private static readonly string MoveSql =
        $"""
        WITH target AS (
            SELECT c.id, c.board_id, c.is_done, c.name FROM board_column c WHERE c.id = $3),
        old AS (
            SELECT {Columns}, f.name AS from_column FROM task t JOIN board_column f ON f.id = t.column_id JOIN target ON target.board_id = t.board_id
             WHERE t.id = $1 AND {Edits}),
        written AS (
            UPDATE task t SET column_id = target.id,
                   position = coalesce((SELECT max(x.position) FROM task x WHERE x.column_id = target.id AND x.id <> t.id), 0) + {TaskPositions.PositionStep},
                   completed_at = CASE WHEN target.is_done THEN coalesce(t.completed_at, $4) END,
                   version = t.version + 1, updated_at = $4, updated_by = $2
              FROM old o, target
             WHERE t.id = o.id AND t.version = o.version AND ($5::integer IS NULL OR o.version = $5)
            RETURNING {Columns}),
        history AS (
            INSERT INTO task_activity (id, task_id, actor_id, at, kind, details)
            SELECT $6, t.id, $2, $4, 'moved', json_build_object('fromColumn', o.from_column, 'toColumn', target.name)::text
              FROM written t JOIN old o ON o.id = t.id, target WHERE o.column_id <> t.column_id
            UNION ALL
            SELECT $7, t.id, $2, $4, CASE WHEN t.completed_at IS NULL THEN 'reopened' ELSE 'completed' END, json_build_object()::text
              FROM written t JOIN old o ON o.id = t.id WHERE (o.completed_at IS NULL) <> (t.completed_at IS NULL))
        SELECT 'o' AS row_kind, true AS wanted, {Columns} FROM old t
        UNION ALL
        SELECT 'n', true, t.* FROM written t
        """;

    /// <summary>What a one-statement write found: the task as it was (null: not there for this caller, or not a case for this path), and as written (null: not written).</summary>
    internal readonly record struct Written(TaskItem? Before, TaskItem? After, bool Wanted);

    /// <summary>Creates <paramref name="task"/> (its place aside) at the bottom of the first column of the caller's default board; null when they have none.</summary>
    internal static async Task<TaskItem?> CreateAsync(NpgsqlConnection connection, TaskItem task, Guid historyId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CreateSql, connection);
        Add(command, task.Id, task.CreatedBy!.Value, task.Title, Text(task.Description), (short)task.Priority,
            Time(task.DueAt), task.DueIsDate, task.Tags.ToArray(), task.CreatedAt, Text(task.IdempotencyKey), Text(task.IdempotencyFingerprint), historyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader, 0) : null;
    }

    /// <summary>Applies the fields of <paramref name="patch"/> that are present (title, description, priority, due date, tags only).</summary>
    internal static async Task<Written> PatchAsync(
        NpgsqlConnection connection, Guid userId, Guid id, TaskPatch patch, (DateTime? At, bool IsDate)? due, int? expectedVersion, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PatchSql, connection);
        Add(command, id, userId, Integer(expectedVersion), now,
            patch.Title.HasValue, Text(patch.Title.HasValue ? patch.Title.Value : null),
            patch.Description.HasValue, Text(patch.Description.GetValueOr(null)),
            patch.Priority.HasValue, (short)patch.Priority.GetValueOr(TaskPriority.None),
            due.HasValue, Time(due?.At), due?.IsDate ?? false,
            patch.Tags.HasValue, patch.Tags.GetValueOr([]).ToArray(),
            NewId(now), NewId(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadWrittenAsync(reader, cancellationToken);
    }

    /// <summary>Moves task <paramref name="id"/> to the bottom of <paramref name="columnId"/> when that column is on the task's own board.</summary>
    internal static async Task<Written> MoveToBottomAsync(
        NpgsqlConnection connection, Guid userId, Guid id, Guid columnId, int? expectedVersion, DateTime now, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        var lockBoard = new NpgsqlBatchCommand(LockSql);
        lockBoard.Parameters.Add(new NpgsqlParameter { Value = columnId });
        lockBoard.Parameters.Add(new NpgsqlParameter { Value = userId });
        var move = new NpgsqlBatchCommand(MoveSql);
        foreach (var value in new object[] { id, userId, columnId, now, Integer(expectedVersion), NewId(now), NewId(now) })
        {
            move.Parameters.Add(Parameter(value));
        }

        batch.BatchCommands.Add(lockBoard);
        batch.BatchCommands.Add(move);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return await ReadWrittenAsync(reader, cancellationToken);
    }

    private static async Task<Written> ReadWrittenAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        TaskItem? before = null, after = null;
        var wanted = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetString(0) == "o")
            {
                before = Read(reader, 2);
                wanted = reader.GetBoolean(1);
            }
            else
            {
                after = Read(reader, 2);
            }
        }

        return new Written(before, after, wanted);
    }

    private static TaskItem Read(NpgsqlDataReader reader, int first) => new()
    {
        Id = reader.GetGuid(first),
        CreatedBy = reader.IsDBNull(first + 1) ? null : reader.GetGuid(first + 1),
        UpdatedBy = reader.IsDBNull(first + 2) ? null : reader.GetGuid(first + 2),
        BoardId = reader.GetGuid(first + 3),
        ColumnId = reader.GetGuid(first + 4),
        Title = reader.GetString(first + 5),
        Description = reader.IsDBNull(first + 6) ? null : reader.GetString(first + 6),
        Priority = (TaskPriority)reader.GetInt16(first + 7),
        DueAt = reader.IsDBNull(first + 8) ? null : reader.GetFieldValue<DateTime>(first + 8),
        DueIsDate = reader.GetBoolean(first + 9),
        Tags = [.. reader.GetFieldValue<string[]>(first + 10)],
        AssigneeIds = [.. reader.GetFieldValue<Guid[]>(first + 11)],
        Position = reader.GetDouble(first + 12),
        CreatedAt = reader.GetFieldValue<DateTime>(first + 13),
        UpdatedAt = reader.GetFieldValue<DateTime>(first + 14),
        CompletedAt = reader.IsDBNull(first + 15) ? null : reader.GetFieldValue<DateTime>(first + 15),
        Version = reader.GetInt32(first + 16),
        IdempotencyKey = reader.IsDBNull(first + 17) ? null : reader.GetString(first + 17),
        IdempotencyFingerprint = reader.IsDBNull(first + 18) ? null : reader.GetString(first + 18),
    };

    /// <summary>An id for a history entry written at <paramref name="now"/>, ordered like the ones TaskHistory writes.</summary>
    private static Guid NewId(DateTime now) => Guid.CreateVersion7(new DateTimeOffset(now));

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(Parameter(value));
        }
    }

    private static NpgsqlParameter Parameter(object value) => value as NpgsqlParameter ?? new NpgsqlParameter { Value = value };

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Integer(int? value) => new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Time(DateTime? value) => new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)value ?? DBNull.Value };
}
