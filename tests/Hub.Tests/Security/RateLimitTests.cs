using System.Diagnostics;
using Hub.Contracts.Boards;
using Hub.Contracts.Live;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Tests.Security;

/// <summary>A node with the live limits as shipped: 20 calls a second per connection, bursts of 40.</summary>
public sealed class DefaultLimitsNode : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-limits-{Guid.NewGuid():N}");

    public WebNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var shipped = new Hub.Web.Security.HubLimits();
        Node = await WebNode.StartEmbeddedAsync(Path.Combine(_directory, "hub.db"),
            $"--Hub:Limits:LivePerSecondPerConnection={shipped.LivePerSecondPerConnection}",
            $"--Hub:Limits:LiveBurstPerConnection={shipped.LiveBurstPerConnection}",
            $"--Hub:Limits:LivePerSecondPerUser={shipped.LivePerSecondPerUser}",
            $"--Hub:Limits:LiveBurstPerUser={shipped.LiveBurstPerUser}");
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

public sealed class RateLimitTests(DefaultLimitsNode fixture) : IClassFixture<DefaultLimitsNode>
{
    [Fact]
    public async Task Flood_FromOneClient_IsSlowedThenRefused_WhileOthersAreServedPromptly()
    {
        var flooder = await fixture.Node.SignUpAsync("Flood");
        var bystander = await fixture.Node.SignUpAsync("Rolig");
        var boardId = (await BoardTestKit.PartnershipWithAsync(flooder, bystander)).Boards[0].BoardId;
        await using var flood = await flooder.ConnectAsync(BoardHub.Path);
        await using var calm = await BoardClient.OpenAsync(bystander, boardId);
        var clock = Stopwatch.StartNew();

        var calls = Enumerable.Range(1, 300).Select(async i =>
        {
            try
            {
                var result = await flood.InvokeAsync<SubmitResult>(nameof(BoardHub.Submit), boardId,
                    new OpId($"flood{i}", 1), (BoardOp)new AddCard($"f{i}", "ideas", $"Flod {i}", null));
                return (Applied: result.Seq is not null, At: clock.Elapsed);
            }
            catch (HubException ex) when (ex.Message.Contains("rate_limited", StringComparison.Ordinal))
            {
                return (Applied: false, At: clock.Elapsed);
            }
        }).ToList();
        var bystanderLatencies = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            var started = clock.Elapsed;
            var result = await calm.SubmitAsync(new AddCard($"calm{i}", "planned", "Roligt kort", null));
            Assert.NotNull(result.Seq);
            bystanderLatencies.Add(clock.Elapsed - started);
        }

        var outcomes = await Task.WhenAll(calls);
        var applied = outcomes.Count(o => o.Applied);
        // Slowed: the bucket lets through its burst of 40 and then 20 a second for as long as the flood lasted (a busy
        // machine stretches that, so the bound is taken from the clock, not a fixed 6 s); refused: once held back for
        // 3 s, the rest at once.
        var lastApplied = outcomes.Where(o => o.Applied).Max(o => o.At);
        Assert.InRange(applied, 40, 40 + (20 * ((int)Math.Ceiling(lastApplied.TotalSeconds) + 1)));
        // How many are refused depends on how fast this machine lets the flood press (a loaded one sends slower, and
        // more of the flood fits the bucket's rate); that some are, once the connection was held back, does not.
        Assert.True(outcomes.Length - applied > 0, "none of 300 refused");
        Assert.True(lastApplied > TimeSpan.FromSeconds(2), "the flood was not slowed");
        // Served while the flood is held back: a bound that a slowed or queued bystander (20 a second) would miss.
        Assert.All(bystanderLatencies, l => Assert.True(l < TimeSpan.FromSeconds(2), $"the bystander waited {l.TotalMilliseconds} ms"));
    }
}
