using System.Diagnostics.CodeAnalysis;

namespace TaskBoard.Data.Tasks;

/// <summary>A stored thing whose version moves on with every write: the optimistic-concurrency token and the API's ETag.</summary>
public interface IVersioned
{
    int Version { get; }
}

public enum WriteOutcome
{
    Ok,

    /// <summary>
    /// No such thing for this user (it may exist for someone else; callers cannot tell).
    /// <see cref="WriteResult{T}.Missing"/> names what was missing when it was not the thing addressed.
    /// </summary>
    NotFound,

    /// <summary>The input broke a rule; <see cref="WriteResult{T}.Errors"/> says which, per field.</summary>
    Invalid,

    /// <summary>The expected version is stale; <see cref="WriteResult{T}.Current"/> is the thing as stored now.</summary>
    Conflict,

    /// <summary>The idempotency key already created a different task.</summary>
    KeyReused,

    /// <summary>
    /// The user reaches the thing but their role does not allow this (a viewer's write, an editor managing
    /// members); <see cref="WriteResult{T}.Reason"/> says why in a sentence.
    /// </summary>
    Forbidden,
}

/// <summary>What a read-check-write of a task, board or column came to.</summary>
public sealed class WriteResult<T>
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    private WriteResult(
        WriteOutcome outcome, T? value, IReadOnlyDictionary<string, string[]>? errors, IVersioned? current, bool replayed = false, string? missing = null, string? reason = null)
    {
        Reason = reason;
        Outcome = outcome;
        Replayed = replayed;
        Value = value;
        Errors = errors ?? NoErrors;
        Current = current;
        Missing = missing;
    }

    public WriteOutcome Outcome { get; }

    public T? Value { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public IVersioned? Current { get; }

    /// <summary>For <see cref="WriteOutcome.NotFound"/>: what a reference in the input named that the user cannot reach ("board", "column", "task"), or null for the thing addressed itself.</summary>
    public string? Missing { get; }

    /// <summary>For <see cref="WriteOutcome.Forbidden"/>: why, in a sentence a person reads.</summary>
    public string? Reason { get; }

    /// <summary>A retried create: <see cref="Value"/> is the task the first request with that key created.</summary>
    public bool Replayed { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Outcome == WriteOutcome.Ok;

    public static WriteResult<T> Ok(T value) => new(WriteOutcome.Ok, value, null, null);

    public static WriteResult<T> Replay(T value) => new(WriteOutcome.Ok, value, null, null, replayed: true);

    public static WriteResult<T> KeyReused() => new(WriteOutcome.KeyReused, default, null, null);

    public static WriteResult<T> NotFound(string? missing = null) => new(WriteOutcome.NotFound, default, null, null, missing: missing);

    public static WriteResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(WriteOutcome.Invalid, default, errors, null);

    public static WriteResult<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static WriteResult<T> Conflict(IVersioned current) => new(WriteOutcome.Conflict, default, null, current);

    public static WriteResult<T> Forbidden(string reason) => new(WriteOutcome.Forbidden, default, null, null, reason: reason);

    /// <summary>The same failure as another result's, for a different value type.</summary>
    public static WriteResult<T> Failed<TOther>(WriteResult<TOther> failed) =>
        new(failed.Outcome, default, failed.Errors, failed.Current, missing: failed.Missing, reason: failed.Reason);
}
