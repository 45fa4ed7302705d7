using Hub.Contracts.Agreements;
using Hub.Contracts.Common;
using Hub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>Two people write the collaboration agreement together in two real Chromium pages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AgreementBrowserTests(BrowserFixture fixture)
{
    private static readonly LocatorAssertionsToContainTextOptions WithinTwoSeconds = new() { Timeout = 2000 };

    /// <summary>Anna coordinates for the municipality, Bo for the voluntary side; both have the agreement open.</summary>
    private async Task<(Person Anna, Person Bo, AgreementPage AnnaPage, AgreementPage BoPage, string PartnershipId)> TwoCoordinatorsAsync()
    {
        var anna = await fixture.SignUpAsync("Anna Hansen");
        var bo = await fixture.SignUpAsync("Bo Jensen");
        var (partnershipId, _) = await anna.CreatePartnershipAsync("Fælles gåture");
        await anna.AddMemberAsync(partnershipId, bo, role: "coordinator");
        var annaPage = new AgreementPage(anna.Page);
        var boPage = new AgreementPage(bo.Page);
        await annaPage.OpenAsync(partnershipId);
        await boPage.OpenAsync(partnershipId);
        return (anna, bo, annaPage, boPage, partnershipId);
    }

    [Fact]
    public async Task Typing_TwoBrowsersInOneSectionAtOnce_BothEndWithTheSameTextHoldingEveryCharacter()
    {
        var (anna, bo, annaPage, boPage, partnershipId) = await TwoCoordinatorsAsync();
        await using var _anna = anna;
        await using var _bo = bo;
        const string Seed = "[start][midte][slut]";
        await annaPage.PlaceCaretAsync("Formål", 0);
        await annaPage.TypeAsync("Formål", Seed, 5);
        await Expect(boPage.Section("Formål")).ToHaveValueAsync(Seed);

        // At different places: Anna after "[start]", Bo at the end — at the same time.
        const string AnnasWords = "anna skriver i starten";
        const string BosWords = "BO SKRIVER TIL SIDST";
        await annaPage.PlaceCaretAsync("Formål", "[start]".Length);
        await boPage.PlaceCaretAsync("Formål", Seed.Length);
        await Task.WhenAll(annaPage.TypeAsync("Formål", AnnasWords), boPage.TypeAsync("Formål", BosWords));
        var afterDifferent = await ConvergedAsync(annaPage, boPage);
        Assert.Equal($"[start]{AnnasWords}[midte][slut]{BosWords}", afterDifferent);

        // At the same place (the very start), at the same time: both keep every character, each in their own order.
        const string AnnasSecond = "abcdefghijklmnop";
        const string BosSecond = "0123456789QRSTUV";
        await annaPage.PlaceCaretAsync("Formål", 0);
        await boPage.PlaceCaretAsync("Formål", 0);
        await Task.WhenAll(annaPage.TypeAsync("Formål", AnnasSecond), boPage.TypeAsync("Formål", BosSecond));
        var text = await ConvergedAsync(annaPage, boPage);

        Assert.Equal(afterDifferent.Length + AnnasSecond.Length + BosSecond.Length, text.Length);
        Assert.EndsWith(afterDifferent, text, StringComparison.Ordinal);
        var typed = text[..^afterDifferent.Length];
        Assert.Equal(AnnasSecond, string.Concat(typed.Where(AnnasSecond.Contains)));
        Assert.Equal(BosSecond, string.Concat(typed.Where(BosSecond.Contains)));
        var stored = await fixture.Node.Grains().GetGrain<IAgreementGrain>(Guid.Parse(partnershipId)).GetSnapshot(new Actor(anna.UserId, anna.DisplayName));
        Assert.Equal(text, stored.Agreement.Sections[AgreementSection.Purpose]);
    }

    [Fact]
    public async Task Approval_BothSidesThenAnEditAfterOneApproval_FreezesVersionOneWithdrawsVisiblyAndCompares()
    {
        var (anna, bo, annaPage, boPage, _) = await TwoCoordinatorsAsync();
        await using var _anna = anna;
        await using var _bo = bo;
        await annaPage.PlaceCaretAsync("Formål", 0);
        await annaPage.TypeAsync("Formål", "Vi går ture sammen.", 5);
        await Expect(boPage.Section("Formål")).ToHaveValueAsync("Vi går ture sammen.");
        await annaPage.Page.GetByLabel("Ja", new() { Exact = true }).CheckAsync();
        await Expect(boPage.Page.GetByLabel("Ja", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(annaPage.Pending).ToHaveCountAsync(0);

        // Each side's coordinator approves; the second approval freezes version 1.
        await annaPage.Page.GetByRole(AriaRole.Button, new() { Name = "Godkend udkastet for Testrup Kommune" }).ClickAsync();
        await Expect(boPage.Approval("p1")).ToContainTextAsync("Godkendt af Anna Hansen", WithinTwoSeconds);
        await Expect(boPage.Announcer).ToContainTextAsync("Anna Hansen godkendte udkastet for Testrup Kommune", WithinTwoSeconds);
        await Expect(boPage.Page.GetByRole(AriaRole.Button, new() { Name = "Godkend udkastet for Testrup Kommune" })).ToHaveCountAsync(0);
        await boPage.Page.GetByRole(AriaRole.Button, new() { Name = "Godkend udkastet for Frivillig organisation" }).ClickAsync();
        await Expect(annaPage.Versions).ToHaveCountAsync(1);
        await Expect(annaPage.Versions.First).ToContainTextAsync("Version 1");
        await Expect(annaPage.Announcer).ToContainTextAsync("Aftalen er låst som version 1", WithinTwoSeconds);
        await Expect(annaPage.Page.Locator(".draft-state")).ToHaveTextAsync("Udkast efter version 1");

        // A new draft: Anna approves it, then Bo edits — her approval is withdrawn, and both are told.
        await boPage.PlaceCaretAsync("Formål", "Vi går ture sammen.".Length);
        await boPage.TypeAsync("Formål", " Hver tirsdag.", 5);
        await Expect(annaPage.Section("Formål")).ToHaveValueAsync("Vi går ture sammen. Hver tirsdag.");
        await Expect(boPage.Pending).ToHaveCountAsync(0);
        await annaPage.Page.GetByRole(AriaRole.Button, new() { Name = "Godkend udkastet for Testrup Kommune" }).ClickAsync();
        await Expect(boPage.Approval("p1")).ToContainTextAsync("Godkendt af Anna Hansen", WithinTwoSeconds);
        // Bo's first keystroke would withdraw it: he is asked first, says yes, and writes on.
        await boPage.PlaceCaretAsync("Roller og opgavefordeling", 0);
        await boPage.TypeAsync("Roller og opgavefordeling", "B", 5);
        await boPage.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Ja, ret teksten" }).ClickAsync();
        await Expect(boPage.Section("Roller og opgavefordeling")).ToHaveValueAsync("B");
        await boPage.PlaceCaretAsync("Roller og opgavefordeling", 1);
        await boPage.TypeAsync("Roller og opgavefordeling", "o planlægger.", 5);
        await Expect(annaPage.Approval("p1")).ToContainTextAsync("godkendelsen er trukket tilbage, fordi Bo Jensen ændrede teksten", WithinTwoSeconds);
        await Expect(annaPage.Announcer).ToContainTextAsync("Godkendelsen for Testrup Kommune er trukket tilbage, fordi Bo Jensen ændrede teksten", WithinTwoSeconds);
        await Expect(boPage.Approval("p1")).ToContainTextAsync("Ikke godkendt endnu");

        // Undo takes back only Bo's own typing in the roles section; the purpose keeps Anna's and Bo's text.
        // The first letter, made after the question, may be an undo step of its own.
        await Expect(boPage.Pending).ToHaveCountAsync(0);
        await boPage.Section("Roller og opgavefordeling").PressAsync("Control+z");
        await boPage.Section("Roller og opgavefordeling").PressAsync("Control+z");
        await Expect(annaPage.Section("Roller og opgavefordeling")).ToHaveValueAsync("", new() { Timeout = 2000 });
        await Expect(annaPage.Section("Formål")).ToHaveValueAsync("Vi går ture sammen. Hver tirsdag.");

        // Read version 1, then compare it with the draft.
        await annaPage.Page.GetByRole(AriaRole.Button, new() { Name = "Læs version 1" }).ClickAsync();
        await Expect(annaPage.Page.Locator(".version-reader")).ToContainTextAsync("Vi går ture sammen.");
        await annaPage.Page.GetByLabel("Fra", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Version 1" });
        await annaPage.Page.GetByLabel("Til", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Nuværende udkast" });
        await annaPage.Page.GetByRole(AriaRole.Button, new() { Name = "Vis forskellen" }).ClickAsync();
        var purpose = annaPage.Page.Locator(".comparison .diff-section[data-section='purpose']");
        await Expect(purpose.Locator("ins")).ToContainTextAsync("Hver tirsdag");
        await Expect(purpose.Locator("del")).ToHaveCountAsync(0);
        await Expect(annaPage.Page.Locator(".comparison .diff-section[data-section='roles']")).ToContainTextAsync("Uændret");
    }

    [Fact]
    public async Task ApprovalFlow_BlankDraftSaysWhyAndAWithdrawingEditIsAskedFirst_ThenTheApprovedVersionPrints()
    {
        var (anna, bo, annaPage, boPage, _) = await TwoCoordinatorsAsync();
        await using var _anna = anna;
        await using var _bo = bo;
        var annaApprove = anna.Page.GetByRole(AriaRole.Button, new() { Name = "Godkend udkastet for Testrup Kommune" });
        await Expect(annaApprove).ToBeDisabledAsync();
        await Expect(anna.Page.Locator(".approve-row .hint")).ToHaveTextAsync("Aftalen er tom. Skriv mindst ét afsnit, før den kan godkendes.");
        await Expect(anna.Page.Locator("#who-approves")).ToContainTextAsync("Andre kan skrive med, men ikke godkende.");
        Assert.True(await anna.Page.EvaluateAsync<bool>(
            "() => !!(document.querySelector('.agreement-sections').compareDocumentPosition(document.querySelector('.approval')) & Node.DOCUMENT_POSITION_FOLLOWING)"),
            "the approve buttons come after the text");
        await anna.Page.AssertAccessibleAsync("agreement, blank draft");

        await annaPage.PlaceCaretAsync("Formål", 0);
        await annaPage.TypeAsync("Formål", "Vi går ture.", 5);
        await Expect(boPage.Section("Formål")).ToHaveValueAsync("Vi går ture.");
        await Expect(annaPage.Pending).ToHaveCountAsync(0);
        await annaApprove.ClickAsync();
        await Expect(boPage.Approval("p1")).ToContainTextAsync("Godkendt af Anna Hansen", WithinTwoSeconds);

        // Bo's keystroke would withdraw the municipality's approval: asked first; "no" keeps the text and the approval.
        var dialog = bo.Page.GetByRole(AriaRole.Dialog);
        await boPage.PlaceCaretAsync("Formål", "Vi går ture.".Length);
        await boPage.TypeAsync("Formål", "!");
        await Expect(dialog).ToContainTextAsync("Din ændring trækker godkendelsen fra Testrup Kommune tilbage — fortsæt?");
        await bo.Page.AssertAccessibleAsync("agreement, asked before an edit withdraws an approval");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Nej, lad teksten være" }).ClickAsync();
        await Expect(boPage.Section("Formål")).ToHaveValueAsync("Vi går ture.");
        await Expect(annaPage.Approval("p1")).ToContainTextAsync("Godkendt af Anna Hansen");

        // "Yes": the same keystroke is made, and the approval goes.
        await boPage.PlaceCaretAsync("Formål", "Vi går ture.".Length);
        await boPage.TypeAsync("Formål", "!");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ja, ret teksten" }).ClickAsync();
        await Expect(annaPage.Section("Formål")).ToHaveValueAsync("Vi går ture.!");
        await Expect(annaPage.Approval("p1")).ToContainTextAsync("Ikke godkendt endnu", WithinTwoSeconds);

        // Both approve; version 1 prints alone, with whose approval made it.
        await Expect(boPage.Pending).ToHaveCountAsync(0);
        await annaApprove.ClickAsync();
        await Expect(boPage.Approval("p1")).ToContainTextAsync("Godkendt af Anna Hansen", WithinTwoSeconds);
        await bo.Page.GetByRole(AriaRole.Button, new() { Name = "Godkend udkastet for Frivillig organisation" }).ClickAsync();
        await Expect(annaPage.Versions).ToHaveCountAsync(1);
        await anna.Page.GetByRole(AriaRole.Button, new() { Name = "Læs version 1" }).ClickAsync();
        await Expect(anna.Page.Locator(".version-reader")).ToContainTextAsync("Vi går ture.!");
        await anna.Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(anna.Page.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(anna.Page.Locator(".agreement-sections")).ToBeHiddenAsync();
        await Expect(anna.Page.Locator(".approval")).ToBeHiddenAsync();
        await Expect(anna.Page.Locator(".version-reader")).ToBeVisibleAsync();
        await Expect(anna.Page.Locator(".version-approvals")).ToContainTextAsync("Godkendt for Testrup Kommune af Anna Hansen");
        await Expect(anna.Page.Locator(".version-approvals")).ToContainTextAsync("Godkendt for Frivillig organisation af Bo Jensen");
        await anna.Page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "hub-agreement-print.png"), FullPage = true });
    }

    [Fact]
    public async Task Composing_WhenAnotherPersonsEditArrives_KeepsTheCompositionTheCaretAndBothTexts()
    {
        var (anna, bo, annaPage, boPage, _) = await TwoCoordinatorsAsync();
        await using var _anna = anna;
        await using var _bo = bo;
        await annaPage.PlaceCaretAsync("Formål", 0);
        await annaPage.TypeAsync("Formål", "Vi går. ", 5);
        await Expect(boPage.Section("Formål")).ToHaveValueAsync("Vi går. ");

        // Anna writes a word with an input method (as Japanese, Chinese or a phone's keyboard does) at the end...
        var ime = await annaPage.Page.Context.NewCDPSessionAsync(annaPage.Page);
        await ime.SendAsync("Input.imeSetComposition", new() { ["text"] = "t", ["selectionStart"] = 1, ["selectionEnd"] = 1 });
        await Expect(boPage.Section("Formål")).ToHaveValueAsync("Vi går. t");

        // ...and while it is open, Bo writes at the start: it reaches Anna's page, which holds it back from the textarea.
        await boPage.PlaceCaretAsync("Formål", 0);
        await boPage.TypeAsync("Formål", "Bo: ", 5);
        await Expect(annaPage.Page.Locator(".agreement-section[data-section='purpose'] .counter")).ToContainTextAsync("13 af", WithinTwoSeconds);
        await Expect(annaPage.Section("Formål")).ToHaveValueAsync("Vi går. t");

        await ime.SendAsync("Input.imeSetComposition", new() { ["text"] = "ta", ["selectionStart"] = 2, ["selectionEnd"] = 2 });
        await ime.SendAsync("Input.imeSetComposition", new() { ["text"] = "tak", ["selectionStart"] = 3, ["selectionEnd"] = 3 });
        await ime.SendAsync("Input.insertText", new() { ["text"] = "tak" });

        var text = await ConvergedAsync(annaPage, boPage);
        Assert.Equal("Bo: Vi går. tak", text);
        Assert.Equal(text.Length, await annaPage.Section("Formål").EvaluateAsync<int>("el => el.selectionStart"));
        await Expect(annaPage.Page.Locator(".notices")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RemoteCaret_WhileAnotherPersonTypes_IsDrawnInTheirColourWithNothingRefusedByTheCsp()
    {
        var (anna, bo, annaPage, boPage, _) = await TwoCoordinatorsAsync();
        await using var _anna = anna;
        await using var _bo = bo;
        var refused = new List<string>();
        annaPage.Page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add(message.Text);
            }
        };

        await boPage.PlaceCaretAsync("Formål", 0);
        await boPage.TypeAsync("Formål", "Bo skriver her", 5);
        await boPage.Section("Formål").EvaluateAsync("el => el.setSelectionRange(3, 9)");
        await boPage.Section("Formål").PressAsync("Shift+ArrowRight");

        // Bo's selection and caret, behind Anna's textarea: colours from data, set through the CSSOM.
        var caret = annaPage.Page.Locator(".agreement-section[data-section='purpose'] .remote-caret[data-name='Bo Jensen']");
        await Expect(caret).ToHaveCountAsync(1);
        Assert.NotEqual("", await caret.EvaluateAsync<string>("el => el.style.getPropertyValue('--caret-colour')"));
        var selection = annaPage.Page.Locator(".agreement-section[data-section='purpose'] .remote-selection");
        await Expect(selection).ToHaveTextAsync("skriver");
        Assert.NotEqual("", await selection.EvaluateAsync<string>("el => el.style.getPropertyValue('background-color')"));
        Assert.Empty(refused);
    }

    /// <summary>Waits until both pages show the same text with nothing of theirs unconfirmed; returns it.</summary>
    private static async Task<string> ConvergedAsync(AgreementPage a, AgreementPage b)
    {
        var text = "";
        await Eventually.UntilAsync("both pages show the same text, all confirmed", TimeSpan.FromSeconds(10), async () =>
        {
            text = await a.Section("Formål").InputValueAsync();
            return text == await b.Section("Formål").InputValueAsync()
                && await a.Pending.CountAsync() == 0 && await b.Pending.CountAsync() == 0;
        });
        return text;
    }
}
