using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>The agreement screen as a person uses it: by labels and roles, as a screen reader finds things.</summary>
public sealed class AgreementPage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task OpenAsync(string partnershipId)
    {
        await Page.GotoAsync($"/partnerships/{partnershipId}/agreement");
        await Expect(Connection).ToHaveAttributeAsync("data-state", "connected");
        await Expect(Section("Formål")).ToBeEditableAsync();
    }

    public ILocator Connection => Page.Locator(".connection");

    public ILocator Announcer => Page.Locator("#announcer");

    public ILocator Pending => Page.Locator(".connection .pending");

    /// <summary>A section's textarea, by its label.</summary>
    public ILocator Section(string label) => Page.GetByLabel(label, new() { Exact = true });

    public ILocator Approval(string party) => Page.Locator($".approval-state[data-party='{party}']");

    public ILocator Versions => Page.Locator(".version-list li");

    /// <summary>Puts the caret at <paramref name="index"/> of a section (as a click there would).</summary>
    public Task PlaceCaretAsync(string label, int index) =>
        Section(label).EvaluateAsync("(el, i) => { el.focus(); el.setSelectionRange(i, i); }", index);

    /// <summary>Types into the section where its caret is, one key at a time.</summary>
    public Task TypeAsync(string label, string text, int delayMs = 15) =>
        Section(label).PressSequentiallyAsync(text, new() { Delay = delayMs });
}
