namespace HongqiFlow.Messages;

/// <summary>
/// A sentence to say, kept as the id of its text in the message catalog (<c>Messages/messages.json</c>) and the named
/// values its placeholders take; <see cref="MessageCatalog"/> writes it in Chinese or English when someone reads it.
/// </summary>
public sealed record Message(string Id, IReadOnlyList<MessageArgument> Arguments)
{
    /// <summary>The message <paramref name="id"/> with its named values, e.g. <c>Message.Of("HQ6002", ("receipt", r))</c>.</summary>
    public static Message Of(string id, params ReadOnlySpan<(string Name, object? Value)> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var list = new MessageArgument[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            list[i] = new MessageArgument(arguments[i].Name, arguments[i].Value);
        }

        return new Message(id, list);
    }

    /// <summary>The message in Simplified Chinese.</summary>
    public string Chinese => MessageCatalog.Default.Render(this, Language.Chinese);

    /// <summary>The message in English.</summary>
    public string English => MessageCatalog.Default.Render(this, Language.English);

    /// <summary>The message in Chinese or in English, as a command-line <c>--lang</c> asks.</summary>
    public string Text(bool chinese) => chinese ? Chinese : English;

    public override string ToString() => English;
}

/// <summary>One named value of a <see cref="Message"/>.</summary>
/// <remarks>
/// A value is written as it is, except: a <see cref="Localized"/> value (a name for the Chinese reader, an id for the
/// English one) gives its text in the language asked for; a nested <see cref="Message"/> is written in the same
/// language; a list is joined with “、” in Chinese and “, ” in English; numbers are written in the invariant culture.
/// </remarks>
public readonly record struct MessageArgument(string Name, object? Value);

/// <summary>A value that reads differently in each language, e.g. a material's name in Chinese and its id in English.</summary>
public sealed record Localized(string Chinese, string English);

/// <summary>The languages the catalog is written in.</summary>
public enum Language
{
    Chinese,
    English,
}
