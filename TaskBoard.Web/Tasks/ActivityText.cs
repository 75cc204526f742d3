using TaskBoard.Data.Tasks;

namespace TaskBoard.Web.Tasks;

/// <summary>A task's history in sentences, as the task dialog shows it: "Sam moved it from To do to In progress."</summary>
public static class ActivityText
{
    public static string Describe(ActivityEntry entry)
    {
        var who = entry.ActorName ?? "A former member";
        string Detail(string key) => entry.Details.GetValueOrDefault(key) ?? "?";
        return entry.Kind switch
        {
            ActivityKind.Created => $"{who} created it in {Detail("column")}.",
            ActivityKind.Renamed => $"{who} renamed it from “{Detail("from")}” to “{Detail("to")}”.",
            ActivityKind.Edited => $"{who} changed its {Detail("fields")}.",
            ActivityKind.Moved when entry.Details.ContainsKey("toBoard") =>
                $"{who} moved it from {Detail("fromColumn")} on “{Detail("fromBoard")}” to {Detail("toColumn")} on “{Detail("toBoard")}”.",
            ActivityKind.Moved => $"{who} moved it from {Detail("fromColumn")} to {Detail("toColumn")}.",
            ActivityKind.Completed => $"{who} completed it.",
            ActivityKind.Reopened => $"{who} reopened it.",
            ActivityKind.Assigned when entry.Details.GetValueOrDefault("userId") == entry.ActorId?.ToString() => $"{who} took it on.",
            ActivityKind.Assigned => $"{who} assigned it to {Detail("name")}.",
            ActivityKind.Unassigned when entry.Details.GetValueOrDefault("userId") == entry.ActorId?.ToString() => $"{who} stepped off it.",
            ActivityKind.Unassigned => $"{who} unassigned {Detail("name")}.",
            ActivityKind.Commented => $"{who} commented.",
            ActivityKind.Restored => $"{who} restored it after it was deleted (its history from before went with it).",
            _ => $"{who} changed it.",
        };
    }
}
