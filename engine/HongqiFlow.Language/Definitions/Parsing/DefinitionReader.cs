using System.Text;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>
/// Reads service-item and organization YAML into the model, with every node located and every problem collected.
/// Never throws on bad input: the result carries the diagnostics and, when the structure allowed it, the model.
/// </summary>
public sealed class DefinitionReader
{
    public DefinitionReader(ReaderLimits? limits = null) => Limits = limits ?? ReaderLimits.Default;

    public ReaderLimits Limits { get; }

    public ParseResult<ServiceItemDefinition> ReadItem(string text, string file) =>
        Read<ServiceItemDefinition>(text, file, context => new ItemReader(context).Read);

    public ParseResult<ServiceItemDefinition> ReadItemFile(string path) =>
        ReadFile(path, ReadItem);

    public ParseResult<OrganizationDirectory> ReadOrganization(string text, string file) =>
        Read<OrganizationDirectory>(text, file, context => new OrganizationReader(context).Read);

    public ParseResult<OrganizationDirectory> ReadOrganizationFile(string path) =>
        ReadFile(path, ReadOrganization);

    /// <summary>The YAML tree as JSON text, for validating a file against the published JSON Schema; null when it cannot be read.</summary>
    public string? ReadAsJson(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = new DiagnosticBag();
        if (!WithinSize(text, file, diagnostics))
        {
            return null;
        }

        var root = new YamlTreeBuilder(file, Limits, diagnostics).Build(text);
        return root is null || diagnostics.HasErrors ? null : YamlJson.Write(root);
    }

    private ParseResult<T> ReadFile<T>(string path, Func<string, string, ParseResult<T>> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(path);
        var diagnostics = new DiagnosticBag();
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > Limits.MaxBytes)
            {
                diagnostics.Report(Severity.Error, ParseCodes.FileTooLarge, TooLargeMessage(info.Length), new SourceLocation(path, 1, 1, string.Empty), TooLargeFix);
                return new ParseResult<T>(null, diagnostics.Items, new SourceMap(path));
            }

            return read(File.ReadAllText(path, Encoding.UTF8), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Report(Severity.Error, ParseCodes.FileUnreadable, $"the file cannot be read: {e.Message}", new SourceLocation(path, 0, 0, string.Empty), $"check the path and its permissions");
            return new ParseResult<T>(null, diagnostics.Items, new SourceMap(path));
        }
    }

    private ParseResult<T> Read<T>(string text, string file, Func<ReadingContext, Func<YamlNode, T?>> reader)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var diagnostics = new DiagnosticBag();
        var sourceMap = new SourceMap(file);
        if (!WithinSize(text, file, diagnostics))
        {
            return new ParseResult<T>(null, diagnostics.Items, sourceMap);
        }

        var root = new YamlTreeBuilder(file, Limits, diagnostics).Build(text);
        if (root is null)
        {
            if (!diagnostics.HasErrors)
            {
                diagnostics.Report(Severity.Error, ParseCodes.MissingVersion, $"the file is empty", new SourceLocation(file, 1, 1, string.Empty), $"start the file with 'hongqiflow: 1'");
            }

            return new ParseResult<T>(null, diagnostics.Items, sourceMap);
        }

        var context = new ReadingContext(file, text, diagnostics, sourceMap);
        var rootLocation = context.At(root, string.Empty);
        context.Index(root, string.Empty, rootLocation);
        var model = reader(context)(root);
        return new ParseResult<T>(model, diagnostics.Sorted(), sourceMap);
    }

    private bool WithinSize(string text, string file, DiagnosticBag diagnostics)
    {
        // Counting chars first avoids encoding a huge string just to learn it is too big.
        if (text.Length <= Limits.MaxBytes / 4)
        {
            return true;
        }

        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes <= Limits.MaxBytes)
        {
            return true;
        }

        diagnostics.Report(Severity.Error, ParseCodes.FileTooLarge, TooLargeMessage(bytes), new SourceLocation(file, 1, 1, string.Empty), TooLargeFix);
        return false;
    }

    private FormattableString TooLargeMessage(long bytes) =>
        $"the file is {bytes} bytes, more than the {Limits.MaxBytes} bytes a definition may have";

    private static FormattableString TooLargeFix => $"split the file, or raise ReaderLimits.MaxBytes if the file is trusted";
}
