using System.Text.Json;
using System.Text.RegularExpressions;

namespace TaskBoard.Tests.Infrastructure;

/// <summary>
/// Runs a .http file top to bottom, the way an editor's REST client would: file variables
/// (<c>@name = value</c>), <c>{{$guid}}</c>, named requests and
/// <c>{{name.response.body.$.path}}</c> references. Each request states its status with <c># expect N</c>.
/// </summary>
public static partial class HttpFile
{
    public sealed record Exchange(string Title, string Method, string Url, int Expected, int Actual, string Body);

    public static async Task<List<Exchange>> RunAsync(string path, HttpClient client)
    {
        var text = await File.ReadAllTextAsync(path);
        var variables = new Dictionary<string, string>();
        var responses = new Dictionary<string, JsonElement>();
        var guid = Guid.NewGuid().ToString("N");
        var exchanges = new List<Exchange>();
        var blocks = text.Split("###");

        foreach (Match definition in VariableLine().Matches(blocks[0]))
        {
            variables[definition.Groups[1].Value] = definition.Groups[2].Value.Trim();
        }

        foreach (var block in blocks.Skip(1))
        {
            var lines = block.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var title = lines[0].Trim();
            var name = lines.Select(l => NameLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            var expected = int.Parse(lines.Select(l => ExpectLine().Match(l)).First(m => m.Success).Groups[1].Value);
            var requestLines = lines.Skip(1).Where(l => !l.StartsWith('#')).SkipWhile(string.IsNullOrWhiteSpace).ToList();
            var requestLine = Substitute(requestLines[0], variables, responses, guid).Split(' ', 2);
            var headerLines = requestLines.Skip(1).TakeWhile(l => !string.IsNullOrWhiteSpace(l)).ToList();
            var body = string.Join('\n', requestLines.Skip(1 + headerLines.Count)).Trim();

            using var request = new HttpRequestMessage(new HttpMethod(requestLine[0]), requestLine[1]);
            string? contentType = null;
            foreach (var header in headerLines.Select(h => Substitute(h, variables, responses, guid).Split(':', 2)))
            {
                if (header[0].Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = header[1].Trim();
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(header[0], header[1].Trim());
                }
            }

            if (body.Length > 0)
            {
                request.Content = new StringContent(Substitute(body, variables, responses, guid), System.Text.Encoding.UTF8, contentType ?? "text/plain");
            }

            var response = await client.SendAsync(request);
            var responseBody = await response.Content.ReadAsStringAsync();
            if (name is not null && responseBody.Length > 0)
            {
                responses[name] = JsonDocument.Parse(responseBody).RootElement.Clone();
            }

            exchanges.Add(new Exchange(title, requestLine[0], requestLine[1], expected, (int)response.StatusCode, responseBody));
        }

        return exchanges;
    }

    private static string Substitute(string text, Dictionary<string, string> variables, Dictionary<string, JsonElement> responses, string guid)
    {
        for (var pass = 0; pass < 5 && text.Contains("{{", StringComparison.Ordinal); pass++)
        {
            text = Reference().Replace(text, m =>
            {
                var key = m.Groups[1].Value.Trim();
                if (key == "$guid")
                {
                    return guid;
                }

                if (variables.TryGetValue(key, out var value))
                {
                    return value;
                }

                var parts = key.Split(".response.body.$.", 2);
                var element = responses[parts[0]];
                foreach (var segment in parts[1].Split('.'))
                {
                    // "columns[1]": a member, then an item of it.
                    var index = segment.IndexOf('[', StringComparison.Ordinal);
                    element = index < 0 ? element.GetProperty(segment)
                        : element.GetProperty(segment[..index])[int.Parse(segment[(index + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
                }

                return element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            });
        }

        return text;
    }

    [GeneratedRegex(@"^@(\w+)\s*=\s*(.*)$", RegexOptions.Multiline)]
    private static partial Regex VariableLine();

    [GeneratedRegex(@"^#\s*@name\s+(\w+)")]
    private static partial Regex NameLine();

    [GeneratedRegex(@"^#\s*expect\s+(\d{3})")]
    private static partial Regex ExpectLine();

    [GeneratedRegex(@"\{\{(.+?)\}\}")]
    private static partial Regex Reference();
}
