namespace HongqiFlow.Diagnostics;

/// <summary>The texts of sample cases (HQ5xxx) and of the compiled form of a definition (HQ6100).</summary>
public static partial class DiagnosticChinese
{
    private static readonly Dictionary<string, string> SampleFormats = new(StringComparer.Ordinal)
    {
        ["the sample file is {0} bytes, over the limit of {1}"] = "样例文件有 {0} 字节，超过上限 {1}",
        ["the sample is not valid YAML: {0}"] = "样例不是有效的 YAML：{0}",
        ["a sample is a mapping with sample, definition, clock, case, steps and expect"] = "样例是含 sample、definition、clock、case、steps 和 expect 的映射",
        ["unknown key '{0}' in a sample"] = "样例中有未知的键“{0}”",
        ["allowed here: {0}; {1}"] = "此处可用：{0}；{1}",
        ["the sample needs '{0}'"] = "样例缺少“{0}”",
        ["'{0}' must be a single value"] = "“{0}”必须是单个值",
        ["'{0}' is not an instant with a time zone offset"] = "“{0}”不是带时区偏移的时刻",
        ["write e.g. 2024-09-27T09:00:00+08:00"] = "例如写 2024-09-27T09:00:00+08:00",
        ["'case' must be a mapping"] = "“case”必须是映射",
        ["'steps' must be a list"] = "“steps”必须是列表",
        ["a step must be a mapping such as {{ send: accept, by: window }}"] = "每一步必须是映射，例如 {{ send: accept, by: window }}",
        ["a step must send an event or move the clock"] = "每一步必须发送一个事件或拨动时钟",
        ["add 'send:', 'after:' or 'at:'"] = "添加“send:”、“after:”或“at:”",
        ["'expect' must be a mapping"] = "“expect”必须是映射",
        ["'elapsed' must be {{ min: …, max: … }}"] = "“elapsed”必须是 {{ min: …, max: … }}",
        ["'{0}' must be true or false"] = "“{0}”只能是 true 或 false",
        ["'{0}' must list plain values"] = "“{0}”只能列出普通值",
        ["'{0}' must be a list, e.g. [a, b]"] = "“{0}”必须是列表，例如 [a, b]",
        ["'{0}' must be a mapping"] = "“{0}”必须是映射",
        ["no catalog found for this sample (a folder with organization.yaml, or definitions/ above it)"] = "找不到该样例所属的事项目录（含 organization.yaml 的文件夹，或其上层的 definitions/）",
        ["pass --definitions FOLDER"] = "用 --definitions FOLDER 指定",

        // The compiled definition (validation reports this first; the engine checks again).
        ["branch '{0}' of '{1}' has no states (fragment '{2}' not found)"] = "“{1}”的分支“{0}”没有状态（找不到片段“{2}”）",
        ["name an existing fragment in use:, or write the branch states inline"] = "在 use: 中写已有的片段，或直接写出分支的状态",
    };
}
