using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hub.Contracts.Agreements;
using Hub.Contracts.Boards;
using Hub.Contracts.ForMe;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Text;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Web.ForMe;
using Hub.Web.Live;
using Hub.Web.Partnerships;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Tests.ForMe;

/// <summary>
/// "Til mig" and the daily digest on a real embedded node with real SMTP: the list is what each person could open
/// themselves, and the digest — a stored reminder looking every second here, sending from hour 0 — arrives only when
/// something waits, with an unsubscribe link that works signed out.
/// </summary>
public sealed partial class ForMeEndpointsTests(ForMeNode fixture) : IClassFixture<ForMeNode>
{
    private readonly WebNode _node = fixture.Node;

    [Fact]
    public async Task Waiting_CardsAgreementAndInvites_EachPersonSeesOnlyWhatWaitsForThem()
    {
        var mona = await _node.SignUpAsync("Mona Koordinator");
        var ali = await _node.SignUpAsync("Ali Frivillig");
        var (partnership, board) = await PartnershipWithBoardAsync(mona);
        await mona.AddMemberAsync(partnership.Id, ali);
        await using (var client = await BoardClient.OpenAsync(mona, board.BoardId))
        {
            await AddCardAsync(client, "c1", "Sommerfest", mona.Me.UserId, DateTimeOffset.UtcNow.AddDays(3));
            await AddCardAsync(client, "c2", "Kaffe i parken", ali.Me.UserId, null);
            await AddCardAsync(client, "c3", "Sidste års fest", mona.Me.UserId, DateTimeOffset.UtcNow.AddDays(-30));
            Assert.NotNull((await client.SubmitAsync(new MoveCard("c3", "done", 0))).Seq);
        }

        await WriteAgreementAsync(mona, partnership.Id);
        var link = await mona.Http.PostAsJsonAsync($"/api/partnerships/{partnership.Id}/invites", new InviteRequest(Side.VoluntaryOrganisation, MemberRole.Member, 5, 7), Json.Options);
        link.EnsureSuccessStatusCode();
        var invite = (await link.Content.ReadFromJsonAsync<InviteLink>(Json.Options))!.Invite;

        var monas = await WaitingAsync(mona);
        Assert.Equal(["Sommerfest"], monas.Cards.Select(c => c.Title));
        Assert.Equal(board.Name, monas.Cards[0].BoardName);
        Assert.Equal(partnership.Id, Assert.Single(monas.Agreements).PartnershipId);
        Assert.Equal(AgreementParty.Municipality, monas.Agreements[0].Party);
        // The e-mail invitation Ali accepted is used up; only the open link is listed.
        Assert.Equal([invite.Id], monas.Invites.Select(i => i.InviteId));

        var alis = await WaitingAsync(ali);
        Assert.Equal(["Kaffe i parken"], alis.Cards.Select(c => c.Title));
        Assert.Empty(alis.Agreements);
        Assert.Empty(alis.Invites);
    }

    [Fact]
    public async Task Digest_OptedInWhileACardIsDue_MailsItWithAnUnsubscribeLinkThatWorksSignedOut()
    {
        var mona = await _node.SignUpAsync("Mona Koordinator");
        var (_, board) = await PartnershipWithBoardAsync(mona);
        await using (var client = await BoardClient.OpenAsync(mona, board.BoardId))
        {
            await AddCardAsync(client, "c1", "Loppemarked", mona.Me.UserId, DateTimeOffset.UtcNow.AddDays(2));
        }

        var on = await SetDigestAsync(mona, true);
        Assert.True(on.Enabled);
        Assert.Equal(mona.Email, on.Email, ignoreCase: true);

        var mail = await _node.Mail.TakeAsync(mona.Email, "/afmeld/");
        Assert.Contains("»Loppemarked«", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/afmeld/", mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        var token = UnsubscribeLink().Match(mail.TextBody ?? "").Groups[1].Value;

        using var signedOut = _node.Client(new CookieContainer());
        var stopped = await signedOut.PostAsJsonAsync("/api/digest/unsubscribe", new UnsubscribeRequest(token), Json.Options);
        Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
        Assert.False((await DigestAsync(mona)).Enabled);

        var again = await signedOut.PostAsJsonAsync("/api/digest/unsubscribe", new UnsubscribeRequest(token), Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var forged = await signedOut.PostAsJsonAsync("/api/digest/unsubscribe", new UnsubscribeRequest($"{mona.Me.UserId}.guessed"), Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task Digest_NothingWaits_LooksButSendsNothing()
    {
        var kim = await _node.SignUpAsync("Kim Uden Kort");
        await kim.CreatePartnershipAsync("Stille partnerskab");
        await SetDigestAsync(kim, true);

        var looked = await Eventually.SucceedsAsync("the digest reminder looked", TimeSpan.FromSeconds(20), async () =>
        {
            var settings = await DigestAsync(kim);
            return settings.LastCheckedAt ?? throw new InvalidOperationException("not looked yet");
        });

        Assert.Null((await DigestAsync(kim)).LastSentAt);
        Assert.False(_node.Mail.HasMailFor(kim.Email));
        Assert.True(looked > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task Waiting_SomeoneElsesList_IsRefused()
    {
        var mona = await _node.SignUpAsync("Mona Koordinator");
        var ali = await _node.SignUpAsync("Ali Frivillig");

        var refused = await Assert.ThrowsAsync<Hub.Contracts.Common.HubRefusedException>(() =>
            _node.Grains().GetGrain<IForMeGrain>(mona.Me.UserId).Get(new Hub.Contracts.Common.Actor(ali.Me.UserId, "Ali")));

        Assert.Equal(Hub.Contracts.Common.ErrorCodes.Forbidden, refused.Code);
    }

    private static async Task<(PartnershipSnapshot Partnership, BoardRef Board)> PartnershipWithBoardAsync(UserSession coordinator)
    {
        var partnership = await coordinator.CreatePartnershipAsync("Fælles aktiviteter");
        var response = await coordinator.Http.PostAsJsonAsync($"/api/partnerships/{partnership.Id}/boards", new AddBoardRequest("Aktiviteter"), Json.Options);
        response.EnsureSuccessStatusCode();
        return (partnership, (await response.Content.ReadFromJsonAsync<BoardRef>(Json.Options))!);
    }

    private static async Task AddCardAsync(BoardClient client, string id, string title, string owner, DateTimeOffset? endsAt)
    {
        foreach (BoardOp op in new BoardOp[] { new AddCard(id, "planned", title, null), new SetCardOwners(id, [owner]), new SetCardSchedule(id, null, endsAt) })
        {
            var result = await client.SubmitAsync(op);
            Assert.True(result.Seq is not null, $"{op.GetType().Name} refused: {result.ErrorCode} {result.Error}");
        }
    }

    private static async Task WriteAgreementAsync(UserSession writer, Guid partnershipId)
    {
        await using var connection = await writer.ConnectAsync(AgreementHub.Path);
        var opened = await connection.InvokeAsync<SyncResult<AgreementOp, AgreementSnapshot>>(nameof(AgreementHub.Join), partnershipId, 0L);
        var written = await connection.InvokeAsync<SubmitResult>(nameof(AgreementHub.Submit), partnershipId, new OpId($"w{Guid.NewGuid():N}", 1),
            (AgreementOp)new EditSection(AgreementSection.Purpose, opened.Seq, new TextOp([TextComponent.InsertOf("Vi mødes hver tirsdag.")])));
        Assert.True(written.Seq is not null, $"writing refused: {written.ErrorCode} {written.Error}");
    }

    private static async Task<ForMeList> WaitingAsync(UserSession person) =>
        (await person.Http.GetFromJsonAsync<ForMeList>("/api/me/waiting", Json.Options))!;

    private static async Task<DigestSettings> DigestAsync(UserSession person) =>
        (await person.Http.GetFromJsonAsync<DigestSettings>("/api/me/digest", Json.Options))!;

    private static async Task<DigestSettings> SetDigestAsync(UserSession person, bool enabled)
    {
        var response = await person.Http.PutAsJsonAsync("/api/me/digest", new DigestRequest(enabled), Json.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DigestSettings>(Json.Options))!;
    }

    [GeneratedRegex(@"/afmeld/([A-Za-z0-9_.-]+)")]
    private static partial Regex UnsubscribeLink();
}

/// <summary>One embedded node for the class, its digest looked at every second and sent from hour 0.</summary>
public sealed class ForMeNode : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-for-me-{Guid.NewGuid():N}");

    public WebNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Node = await WebNode.StartEmbeddedAsync(Path.Combine(_directory, "hub.db"), "--Hub:Digest:CheckPeriod=00:00:01", "--Hub:Digest:SendHour=0");
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
