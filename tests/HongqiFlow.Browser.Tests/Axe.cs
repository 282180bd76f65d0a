using System.Text.Json;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>axe-core (designer/node_modules/axe-core) in the page: one check for every browser test.</summary>
internal static class Axe
{
    /// <summary>
    /// Runs axe-core on the whole page, or on the part <paramref name="selector"/> names, and fails on any violation of
    /// any impact (the web app's pages have none: minor and moderate ones are defects too).
    /// </summary>
    public static async Task ShouldPassAsync(IPage page, string what, string? selector = null)
    {
        var script = Path.Combine(DesignerServer.RepositoryRoot, "designer", "node_modules", "axe-core", "axe.min.js");
        File.Exists(script).ShouldBeTrue("axe-core is a dev dependency of the web app (npm ci in designer/)");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = script });
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async (selector) => {
              const root = selector ? document.querySelector(selector) : document;
              if (!root) return ['no element matches ' + selector];
              const result = await axe.run(root, { resultTypes: ['violations'] });
              return result.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', '));
            }
            """, selector);
        violations.EnumerateArray().Select(v => v.GetString()).ShouldBeEmpty($"axe-core on {what}");
    }
}
