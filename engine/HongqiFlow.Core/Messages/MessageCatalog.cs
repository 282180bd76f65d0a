using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HongqiFlow.Messages;

/// <summary>
/// The one message catalog, Chinese and English, of the server, the CLI and the web app: <c>Messages/messages.json</c>,
/// embedded in this assembly and imported by the web app at build time (docs/messages.md). It holds
/// <list type="bullet">
/// <item><see cref="Messages"/>: sentences by id — refused commands by their code (<c>HQ6002</c>, or <c>HQ6014.no-materials</c>
/// where one code has several), HTTP problems (<c>problem.*</c>), built-in notification texts (<c>notification.*</c>) and the
/// values they write (<c>outcome.*</c>, <c>warning.*</c>, <c>clock.*</c>) — with named placeholders <c>{name}</c>;</item>
/// <item><see cref="Titles"/>: a short title per diagnostic code (HQ1xxx–HQ5xxx, HQ65xx);</item>
/// <item><see cref="DiagnosticTexts"/>: the Chinese of each diagnostic text, by its English composite format.</item>
/// </list>
/// </summary>
public sealed partial class MessageCatalog
{
    /// <summary>The name of the embedded catalog.</summary>
    public const string ResourceName = "HongqiFlow.Messages.messages.json";

    private static readonly Lazy<MessageCatalog> Embedded = new(() =>
    {
        using var stream = typeof(MessageCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the message catalog {ResourceName} is not embedded");
        return Read(stream);
    });

    private MessageCatalog(
        IReadOnlyDictionary<string, MessageText> messages,
        IReadOnlyDictionary<string, MessageText> titles,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> diagnosticTexts)
    {
        Messages = messages;
        Titles = titles;
        DiagnosticTexts = diagnosticTexts;
    }

    /// <summary>The catalog embedded in this assembly.</summary>
    public static MessageCatalog Default => Embedded.Value;

    /// <summary>The sentences, by id.</summary>
    public IReadOnlyDictionary<string, MessageText> Messages { get; }

    /// <summary>The title of each diagnostic code.</summary>
    public IReadOnlyDictionary<string, MessageText> Titles { get; }

    /// <summary>The Chinese of each diagnostic text by its English composite format, in parts (definitions, calendars, samples).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> DiagnosticTexts { get; }

    /// <summary>Reads a catalog in the format of <c>messages.json</c>.</summary>
    public static MessageCatalog Read(Stream json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        return new MessageCatalog(Texts(root.GetProperty("messages")), Texts(root.GetProperty("titles")), Parts(root.GetProperty("diagnosticTexts")));

        static Dictionary<string, MessageText> Texts(JsonElement section)
        {
            var texts = new Dictionary<string, MessageText>(StringComparer.Ordinal);
            foreach (var entry in section.EnumerateObject())
            {
                texts.Add(entry.Name, new MessageText(entry.Value.GetProperty("zh").GetString() ?? string.Empty, entry.Value.GetProperty("en").GetString() ?? string.Empty));
            }

            return texts;
        }

        static Dictionary<string, IReadOnlyDictionary<string, string>> Parts(JsonElement section)
        {
            var parts = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            foreach (var part in section.EnumerateObject())
            {
                var texts = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var entry in part.Value.EnumerateObject())
                {
                    texts.Add(entry.Name, entry.Value.GetString() ?? string.Empty);
                }

                parts.Add(part.Name, texts);
            }

            return parts;
        }
    }

    /// <summary>
    /// <paramref name="message"/> in <paramref name="language"/>. A message the catalog lacks reads as its id and values,
    /// and a placeholder without a value stays as written, so that a gap shows instead of a blank (the catalog tests
    /// keep both from happening).
    /// </summary>
    public string Render(Message message, Language language)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Messages.TryGetValue(message.Id, out var text))
        {
            return message.Arguments.Count == 0
                ? message.Id
                : $"{message.Id}({string.Join(", ", message.Arguments.Select(a => $"{a.Name}={Write(a.Value, language)}"))})";
        }

        return Fill(text.In(language), message.Arguments, language);
    }

    /// <summary>The title of diagnostic <paramref name="code"/> in <paramref name="language"/>, or null when it has none.</summary>
    public string? Title(string code, Language language) => Titles.TryGetValue(code, out var text) ? text.In(language) : null;

    /// <summary>The placeholder names of <paramref name="template"/>, in order of first use.</summary>
    public static IReadOnlyList<string> Placeholders(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return [.. Placeholder().Matches(template).Where(m => m.Groups[1].Success).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];
    }

    // {name} is a placeholder; {{ and }} are a literal brace.
    [GeneratedRegex(@"\{\{|\}\}|\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();

    private string Fill(string template, IReadOnlyList<MessageArgument> arguments, Language language) =>
        Placeholder().Replace(template, m =>
        {
            if (!m.Groups[1].Success)
            {
                return m.Value[..1];
            }

            foreach (var argument in arguments)
            {
                if (string.Equals(argument.Name, m.Groups[1].Value, StringComparison.Ordinal))
                {
                    return Write(argument.Value, language);
                }
            }

            return m.Value;
        });

    /// <summary>One value of a message as it reads in <paramref name="language"/> (see <see cref="MessageArgument"/>).</summary>
    public string Write(object? value, Language language) => value switch
    {
        null => string.Empty,
        string s => s,
        Localized l => language == Language.Chinese ? l.Chinese : l.English,
        Message m => Render(m, language),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => Join(items, language),
        _ => value.ToString() ?? string.Empty,
    };

    private string Join(IEnumerable items, Language language)
    {
        var text = new StringBuilder();
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                text.Append(language == Language.Chinese ? "、" : ", ");
            }

            first = false;
            text.Append(Write(item, language));
        }

        return text.ToString();
    }
}

/// <summary>One entry of the catalog in both languages.</summary>
public sealed record MessageText(string Chinese, string English)
{
    public string In(Language language) => language == Language.Chinese ? Chinese : English;
}
