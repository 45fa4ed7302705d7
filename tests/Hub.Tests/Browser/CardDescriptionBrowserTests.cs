using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>A card's description in the card editor is shared text: two people typing in it at once keep every character.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CardDescriptionBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Typing_TwoBrowsersInOneDescriptionAtOnce_BothEndWithTheSameTextHoldingEveryCharacter()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        await using var bo = await fixture.SignUpAsync("Bo Jensen");
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync("Fælles gåture");
        await anna.AddMemberAsync(partnershipId, bo);
        var annaBoard = new BoardPage(anna.Page);
        var boBoard = new BoardPage(bo.Page);
        await annaBoard.OpenAsync(boardId);
        await boBoard.OpenAsync(boardId);
        await annaBoard.AddCardAsync("Idéer", "Gåtur");
        await Expect(boBoard.CardTitles("ideas")).ToHaveTextAsync(["Gåtur"]);
        await annaBoard.OpenEditorAsync("Gåtur");
        await boBoard.OpenEditorAsync("Gåtur");
        var annaText = annaBoard.Editor.GetByLabel("Beskrivelse", new() { Exact = true });
        var boText = boBoard.Editor.GetByLabel("Beskrivelse", new() { Exact = true });
        await annaText.PressSequentiallyAsync("<midt>");
        await Expect(boText).ToHaveValueAsync("<midt>");

        const string AnnasWords = "anna foran";
        const string BosWords = "BO BAGEFTER";
        await annaText.EvaluateAsync("el => { el.focus(); el.setSelectionRange(0, 0); }");
        await boText.EvaluateAsync("el => { el.focus(); el.setSelectionRange(el.value.length, el.value.length); }");
        await Task.WhenAll(annaText.PressSequentiallyAsync(AnnasWords, new() { Delay = 15 }), boText.PressSequentiallyAsync(BosWords, new() { Delay = 15 }));
        var text = await ConvergedAsync(annaBoard, annaText, boBoard, boText);
        Assert.Equal($"{AnnasWords}<midt>{BosWords}", text);

        const string AnnasSecond = "abcdefghij";
        const string BosSecond = "0123456789";
        await annaText.EvaluateAsync("el => { el.focus(); el.setSelectionRange(4, 4); }");
        await boText.EvaluateAsync("el => { el.focus(); el.setSelectionRange(4, 4); }");
        await Task.WhenAll(annaText.PressSequentiallyAsync(AnnasSecond, new() { Delay = 15 }), boText.PressSequentiallyAsync(BosSecond, new() { Delay = 15 }));
        var final = await ConvergedAsync(annaBoard, annaText, boBoard, boText);

        Assert.Equal(text.Length + AnnasSecond.Length + BosSecond.Length, final.Length);
        var typed = final[4..^(text.Length - 4)];
        Assert.Equal(AnnasSecond, string.Concat(typed.Where(AnnasSecond.Contains)));
        Assert.Equal(BosSecond, string.Concat(typed.Where(BosSecond.Contains)));
        var stored = await fixture.Node.Grains().GetGrain<IBoardGrain>(Guid.Parse(boardId)).GetSnapshot(new Actor(anna.UserId, anna.DisplayName));
        Assert.Equal(final, stored.Board.Cards.Values.Single().Description);
    }

    private static async Task<string> ConvergedAsync(BoardPage a, ILocator aText, BoardPage b, ILocator bText)
    {
        var text = "";
        await Eventually.UntilAsync("both editors show the same description, all confirmed", TimeSpan.FromSeconds(10), async () =>
        {
            text = await aText.InputValueAsync();
            return text == await bText.InputValueAsync()
                && await a.Page.Locator(".connection .pending").CountAsync() == 0
                && await b.Page.Locator(".connection .pending").CountAsync() == 0;
        });
        return text;
    }
}
