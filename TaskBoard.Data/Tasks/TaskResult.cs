using System.Diagnostics.CodeAnalysis;

namespace TaskBoard.Data.Tasks;

public enum TaskOutcome
{
    Ok,

    /// <summary>No such task for this user (it may exist for someone else; callers cannot tell).</summary>
    NotFound,

    /// <summary>The input broke a rule; <see cref="TaskResult{T}.Errors"/> says which, per field.</summary>
    Invalid,

    /// <summary>The expected version is stale; <see cref="TaskResult{T}.Current"/> is the task as stored now.</summary>
    Conflict,

    /// <summary>The idempotency key already created a different task.</summary>
    KeyReused,
}

public sealed class TaskResult<T>
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    private TaskResult(TaskOutcome outcome, T? value, IReadOnlyDictionary<string, string[]>? errors, TaskItem? current, bool replayed = false)
    {
        Outcome = outcome;
        Replayed = replayed;
        Value = value;
        Errors = errors ?? NoErrors;
        Current = current;
    }

    public TaskOutcome Outcome { get; }

    public T? Value { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public TaskItem? Current { get; }

    /// <summary>A retried create: <see cref="Value"/> is the task the first request with that key created.</summary>
    public bool Replayed { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Outcome == TaskOutcome.Ok;

    public static TaskResult<T> Ok(T value) => new(TaskOutcome.Ok, value, null, null);

    public static TaskResult<T> Replay(T value) => new(TaskOutcome.Ok, value, null, null, replayed: true);

    public static TaskResult<T> KeyReused() => new(TaskOutcome.KeyReused, default, null, null);

    public static TaskResult<T> NotFound() => new(TaskOutcome.NotFound, default, null, null);

    public static TaskResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(TaskOutcome.Invalid, default, errors, null);

    public static TaskResult<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static TaskResult<T> Conflict(TaskItem current) => new(TaskOutcome.Conflict, default, null, current);
}
