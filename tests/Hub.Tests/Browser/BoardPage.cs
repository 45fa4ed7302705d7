using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>The board screen as a person uses it: by labels and roles, the way a screen reader would find things.</summary>
public sealed class BoardPage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task OpenAsync(string boardId)
    {
        await Page.GotoAsync($"/boards/{boardId}");
        await Expect(Connection).ToHaveAttributeAsync("data-state", "connected");
        await Expect(Column("ideas")).ToBeVisibleAsync();
    }

    public ILocator Connection => Page.Locator(".connection");

    public ILocator Column(string columnId) => Page.Locator($"section.column[data-column-id='{columnId}']");

    public ILocator CardTitles(string columnId) => Column(columnId).Locator(".card-title");

    public ILocator Card(string title) => Page.Locator("li.card", new() { Has = Page.Locator(".card-title", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(title)}$") }) });

    public ILocator Presence => Page.Locator(".presence-entry");

    public ILocator Announcer => Page.Locator("#announcer");

    public async Task AddCardAsync(string columnTitle, string title)
    {
        var input = Page.GetByRole(AriaRole.Textbox, new() { Name = $"Nyt kort i {columnTitle}", Exact = true });
        await input.FillAsync(title);
        await input.PressAsync("Enter");
    }

    /// <summary>The keyboard alternative to drag and drop: the card's "Flyt …" menu.</summary>
    public async Task MoveWithMenuAsync(string title, string toColumnTitle)
    {
        await Card(title).Locator("summary").ClickAsync();
        await Card(title).GetByRole(AriaRole.Button, new() { Name = $"→ Til {toColumnTitle}" }).ClickAsync();
    }

    public async Task OpenEditorAsync(string title)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Åbn kortet {title}", Exact = true }).ClickAsync();
        await Expect(Editor).ToBeVisibleAsync();
    }

    public ILocator Editor => Page.Locator("dialog.card-editor");

    public async Task CloseEditorAsync()
    {
        await Editor.GetByRole(AriaRole.Button, new() { Name = "Luk", Exact = true }).ClickAsync();
        await Expect(Editor).ToHaveCountAsync(0);
    }

    /// <summary>Every visible column's card titles, in order: what two people must agree on.</summary>
    public async Task<string> RenderedAsync()
    {
        var columns = Page.Locator("section.column[data-column-id]");
        var lines = new List<string>();
        for (var i = 0; i < await columns.CountAsync(); i++)
        {
            var column = columns.Nth(i);
            var titles = await column.Locator(".card-title").AllInnerTextsAsync();
            lines.Add($"{await column.GetAttributeAsync("data-column-id")}: {string.Join(" | ", titles)}");
        }

        return string.Join("\n", lines);
    }
}
