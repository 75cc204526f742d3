namespace TaskBoard.Data.Tasks;

/// <summary>A value that may be absent, as distinct from present-and-null: "leave the due date alone" vs "clear it".</summary>
public readonly record struct Optional<T>
{
    private readonly T value;

    public Optional(T value)
    {
        this.value = value;
        HasValue = true;
    }

    public bool HasValue { get; }

    public T Value => HasValue ? value : throw new InvalidOperationException("The optional value is absent.");

    public T GetValueOr(T fallback) => HasValue ? value : fallback;

    public static implicit operator Optional<T>(T value) => new(value);
}

public static class OptionalExtensions
{
    /// <summary>The value when present, else null: for a field where absent and null mean the same.</summary>
    public static T? AsNullable<T>(this Optional<T> optional)
        where T : struct => optional.HasValue ? optional.Value : null;
}
