using System.Text.Json;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>The window's 查找办件 box: a receipt number opens the case, a name or the full ID number lists the cases found, the ID shown masked.</summary>
public sealed partial class ConsoleTests
{
    [SkippableFact]
    public Task WindowSearch_ByReceiptNameOrFullIdNumber_FindsTheCase_WithTheIdNumberMasked() =>
        RunAsync(nameof(WindowSearch_ByReceiptNameOrFullIdNumber_FindsTheCase_WithTheIdNumberMasked), async pages =>
        {
            var window = await PageAsync(pages, "window", await server.TokenAsync("--role", "window"));
            var receipt = await ReceiveAsync(window, "司马查找");
            receipt.ShouldNotBeEmpty();
            await window.GetByTestId("new-case").ClickAsync();

            // The full ID number: found through its keyed hash, listed with the number masked.
            var results = window.GetByTestId("case-search-results");
            await window.GetByTestId("open-receipt").FillAsync(IdNumber);
            await window.GetByTestId("case-search").ClickAsync();
            var row = results.Locator($"tr[data-case='{receipt}']");
            await row.WaitForAsync();
            (await row.GetByTestId("hit-id").InnerTextAsync()).ShouldBe("110101********4514");
            (await results.InnerTextAsync()).ShouldContain("按身份证号");
            (await window.Locator("body").InnerTextAsync()).ShouldNotContain(IdNumber);
            await Axe.ShouldPassAsync(window, "查找办件", "[data-testid=window-page]");

            // Part of an ID number is not matched.
            await window.GetByTestId("open-receipt").FillAsync(IdNumber[..12]);
            await window.GetByTestId("case-search").ClickAsync();
            await results.GetByText("没有找到办件").WaitForAsync();

            // The applicant's name (part of it) lists the case; opening it shows the case.
            await window.GetByTestId("open-receipt").FillAsync("司马查");
            await window.GetByTestId("case-search").ClickAsync();
            await results.Locator($"tr[data-case='{receipt}']").WaitForAsync();
            (await results.InnerTextAsync()).ShouldContain("司马查找");
            await results.Locator($"tr[data-case='{receipt}'] button").ClickAsync();
            await window.GetByTestId("actions").WaitForAsync();

            // A receipt number opens its case at once.
            await window.GetByTestId("new-case").ClickAsync();
            await window.GetByTestId("open-receipt").FillAsync(receipt);
            await window.GetByTestId("open-receipt").PressAsync("Enter");
            await window.GetByTestId("actions").WaitForAsync();
            (await results.CountAsync()).ShouldBe(0);
        });

}
