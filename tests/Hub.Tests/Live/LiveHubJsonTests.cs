using System.Text.Json;
using Hub.Contracts.Agreements;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Tests.Boards;
using Hub.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Tests.Live;

/// <summary>The live hubs read operations with the app's strict JSON: an enum is exactly one of its names.</summary>
public sealed class LiveHubJsonTests(EmbeddedNode fixture) : IClassFixture<EmbeddedNode>
{
    [Theory]
    [InlineData("\"unknown, required\"")]
    [InlineData("\"notRequired,required\"")]
    [InlineData("1")]
    [InlineData("\"1\"")]
    public async Task Submit_EnumNotExactlyOneName_IsMalformedAndChangesNothing(string value)
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var partnership = await anna.CreatePartnershipAsync("Gåture");
        await using var connection = await anna.ConnectAsync(AgreementHub.Path);
        var joined = await connection.InvokeAsync<SyncResult<AgreementOp, AgreementSnapshot>>(nameof(AgreementHub.Join), partnership.Id, 0L);
        var op = JsonDocument.Parse($$"""{"type":"setRecordCheck","value":{{value}}}""").RootElement;

        var result = await connection.InvokeAsync<SubmitResult>(nameof(AgreementHub.Submit), partnership.Id, new OpId("strict", 1), op);

        Assert.Equal(ErrorCodes.Malformed, result.ErrorCode);
        var after = await connection.InvokeAsync<SyncResult<AgreementOp, AgreementSnapshot>>(nameof(AgreementHub.Sync), partnership.Id, 0L);
        Assert.Equal(joined.Seq, after.Seq);
        Assert.Equal(RecordCheck.Unknown, after.Snapshot!.Agreement.RecordCheck);
    }
}
