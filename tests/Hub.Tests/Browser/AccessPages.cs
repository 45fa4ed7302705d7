using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>The partnership screen as a coordinator uses it: found by labels and roles, as a screen reader would.</summary>
public sealed class PartnershipPage(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>Opens the page at a tab named in the address ("people", "boards", "agreement", "log"), or the overview.</summary>
    public async Task OpenAsync(string partnershipId, string? tab = null)
    {
        await Page.GotoAsync($"/partnerships/{partnershipId}{(tab is null ? "" : "#" + tab)}");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Makes an invitation link in the form and returns the whole link, shown this once.</summary>
    public async Task<string> CreateInviteAsync(string side, string role, int? uses = null, int days = 7)
    {
        await ShowTabAsync("Personer");
        if (await InviteButton.GetAttributeAsync("aria-expanded") != "true")
        {
            await InviteButton.ClickAsync();
        }

        await Page.GetByLabel("Lav et link, jeg selv deler").CheckAsync();
        await Page.GetByLabel("De inviterede er fra").SelectOptionAsync(side);
        await Page.GetByLabel("De inviterede bliver").SelectOptionAsync(role);
        if (uses is { } many)
        {
            await Page.GetByLabel("Flere personer").CheckAsync();
            await Page.GetByLabel(new Regex("^Antal personer")).FillAsync(many.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            await Page.GetByLabel("Én person").CheckAsync();
        }

        await Page.GetByLabel(new Regex("^Antal dage linket virker")).FillAsync(days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Opret link", Exact = true }).ClickAsync();
        var link = Page.GetByLabel("Invitationslink", new() { Exact = true });
        await Expect(link).ToBeFocusedAsync();
        return await link.InputValueAsync();
    }

    public ILocator Invites => Page.Locator("tr[data-invite-id]");

    /// <summary>Opens one of the page's tabs (Overblik, Personer, Tavler, Aftale, Log) by its name.</summary>
    public async Task ShowTabAsync(string name)
    {
        // A tab's name may end in a count ("Personer 3").
        var tab = Page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex($"^{Regex.Escape(name)}( \\d+)?$") });
        await tab.ClickAsync();
        await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }

    /// <summary>What only coordinators have: the button that invites people.</summary>
    public ILocator InviteButton => Page.GetByRole(AriaRole.Button, new() { Name = "Inviter nogen", Exact = true });

    /// <summary>Shows the used, expired and revoked invitations too (the list shows the open ones first).</summary>
    public Task ShowClosedInvitesAsync() => Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Vis også brugte og udløbne") }).ClickAsync();

    public ILocator BoardLink(string name) => Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public async Task AddBoardAsync(string name)
    {
        await ShowTabAsync("Tavler");
        await Page.GetByLabel("Tavlens navn").FillAsync(name);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tilføj tavle", Exact = true }).ClickAsync();
        await Expect(BoardLink(name)).ToBeVisibleAsync();
    }

    /// <summary>A coordinator changes a member's role in the member's row and saves it.</summary>
    public async Task ChangeRoleAsync(string displayName, string role)
    {
        await ShowTabAsync("Personer");
        await Page.GetByLabel($"Rolle for {displayName}", new() { Exact = true }).SelectOptionAsync(role);
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Gem side og rolle for {displayName}", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#announcer")).ToContainTextAsync(displayName);
    }

    public ILocator MemberRow(string displayName) =>
        Page.Locator("table.members tbody tr", new() { Has = Page.GetByRole(AriaRole.Cell, new() { Name = displayName }) });

    public async Task RemoveMemberAsync(string displayName)
    {
        await ShowTabAsync("Personer");
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Fjern {displayName} fra partnerskabet", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"Fjern {displayName} fra partnerskabet?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Fjern", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }
}

/// <summary>The page an invitation link opens.</summary>
public sealed class JoinPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator PartnershipName => Page.Locator(".invite-partnership");

    public ILocator JoinButton => Page.GetByRole(AriaRole.Button, new() { Name = "Bliv medlem", Exact = true });

    public async Task SignUpAndJoinAsync(string displayName, string email, string password)
    {
        await Page.GetByLabel("Dit navn").FillAsync(displayName);
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Adgangskode").FillAsync(password);
        await JoinButton.ClickAsync();
    }
}
