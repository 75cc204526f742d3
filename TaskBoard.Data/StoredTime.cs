namespace TaskBoard.Data;

/// <summary>Times as the database keeps them.</summary>
public static class StoredTime
{
    /// <summary>Now, to the microsecond: the precision PostgreSQL stores, so a value reads back exactly as written.</summary>
    public static DateTime UtcNowStored(this TimeProvider time) => Truncate(time.GetUtcNow().UtcDateTime);

    /// <summary>A UTC time cut to the microsecond.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
}
