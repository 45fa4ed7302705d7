using System.Net;
using System.Net.Http.Json;
using Hub.Contracts.Audit;
using Hub.Contracts.Common;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Audit;

/// <summary>The audit trail over HTTP: read a page at a time, and not grown by a person fetching their own data in a loop.</summary>
public sealed class AuditEndpointsTests(EmbeddedNode fixture) : IClassFixture<EmbeddedNode>
{
    [Fact]
    public async Task GetPartnershipAudit_PageAfterPage_ReturnsEveryEntryInOrder()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var partnership = await anna.CreatePartnershipAsync("Mange hændelser");
        var actor = new Actor(anna.Me.UserId, "Anna");
        var appended = new List<string>();
        for (var i = 0; i < (2 * IAuditGrain.PageSize) + 10; i++)
        {
            appended.Add($"invite:{i}");
            await AuditTrail.Partnership(fixture.Node.Grains(), partnership.Id, DateTimeOffset.UtcNow, AuditActions.InviteRevoked, actor, $"invite:{i}");
        }

        var pages = new List<AuditPage>();
        for (int? page = 0; page is { } p;)
        {
            var read = (await anna.Http.GetFromJsonAsync<AuditPage>($"/api/partnerships/{partnership.Id}/audit?page={p}", Json.Options))!;
            pages.Add(read);
            page = read.Next;
        }

        Assert.Equal(appended, pages.SelectMany(p => p.Entries).Where(e => e.Action == AuditActions.InviteRevoked).Select(e => e.Target));
        Assert.All(pages, p => Assert.InRange(p.Entries.Length, 1, IAuditGrain.PageSize));
        Assert.Equal(HttpStatusCode.BadRequest, (await anna.Http.GetAsync($"/api/partnerships/{partnership.Id}/audit?page=-1")).StatusCode);
    }

    [Fact]
    public async Task GetAccountData_InALoop_IsRecordedOnceInTheDaysEvents()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");

        for (var i = 0; i < 10; i++)
        {
            (await anna.Http.GetAsync("/api/account/data")).EnsureSuccessStatusCode();
        }

        var events = await fixture.Node.Grains().GetGrain<IAuditGrain>(AuditKeys.Global(DateTimeOffset.UtcNow)).Read();
        Assert.Single(events, e => e.Action == AuditActions.DataExported && e.ActorId == anna.Me.UserId);
    }
}
