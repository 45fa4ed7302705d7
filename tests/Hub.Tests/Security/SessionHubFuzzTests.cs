using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Sessions;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Hub.Web.Sessions;
using Hub.Web.Setup;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Security;

/// <summary>
/// Random and malformed invocations of the session hub, from a moderator and from a participant who joined by code
/// (no account), at once: wrong methods, argument counts and types, unknown and broken operations, out-of-range
/// values, other sessions, every moderator operation sent by the participant. Nothing crashes (no error in the log,
/// both connections stay up), every refusal our code makes carries one of the stable codes, and the session equals
/// the session that the setup and the participant's few valid answers alone produce.
/// </summary>
public sealed partial class SessionHubFuzzTests(LoggedNode fixture) : IClassFixture<LoggedNode>
{
    /// <summary>Per connection; a few thousand keep the test to seconds (the board hub's fuzzer does the 100,000).</summary>
    private const int Invocations = 2_500;

    private const int ValidEvery = 250;

    private static readonly HashSet<string> StableCodes =
    [
        ErrorCodes.Validation, ErrorCodes.NotFound, ErrorCodes.Forbidden, ErrorCodes.Conflict, ErrorCodes.Limit, ErrorCodes.Malformed,
    ];

    [Fact]
    public async Task RandomAndMalformedInvocations_NeverCrashNorChangeTheSession_AndRefuseWithStableCodes()
    {
        var mona = await fixture.Node.SignUpAsync("Fuzzmoderator");
        var partnership = await mona.CreatePartnershipAsync("Fuzzsamarbejde");
        var created = await mona.Http.PostAsJsonAsync("/api/sessions", new SessionDetails("Fuzz", new SessionOwner(partnership.Id, null, null), true), Json.Options);
        created.EnsureSuccessStatusCode();
        var session = (await created.Content.ReadFromJsonAsync<StaffView>(Json.Options))!.Session;
        await using var moderator = await mona.ConnectAsync(SessionHub.Path);
        await moderator.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Staff);
        SessionOp[] setup =
        [
            new AddPoll("v", PollKind.Multiple, "Hvad?", ["A", "B", "C"], 2, [], 0, 0, "", "", false, false, true),
            new AddStep("s1", "Valg", StepKind.Poll, 5, "", "Note", "v", null),
            new GoToStep(0),
        ];
        for (var i = 0; i < setup.Length; i++)
        {
            Assert.NotNull((await moderator.InvokeAsync<SubmitResult>(nameof(SessionHub.Submit), session.Id, new OpId("setup", i + 1), setup[i])).Seq);
        }

        var cookies = new CookieContainer();
        (await fixture.Node.Client(cookies).PostAsJsonAsync("/api/sessions/join", new JoinSessionRequest(session.Code, "Deltager", null), Json.Options)).EnsureSuccessStatusCode();
        var participant = new HubConnectionBuilder().WithUrl(new Uri(fixture.Node.Address, SessionHub.Path), o => o.Cookies = cookies)
            .AddJsonProtocol(o => WebSetup.ConfigureJson(o.PayloadSerializerOptions)).Build();
        await participant.StartAsync();
        await participant.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Participant);
        var before = await Staff(mona, session.Id);

        var runs = await Task.WhenAll(
            Task.Run(() => FuzzAsync(moderator, session.Id, asModerator: true)),
            Task.Run(() => FuzzAsync(participant, session.Id, asModerator: false)));

        Assert.Equal(HubConnectionState.Connected, moderator.State);
        Assert.Equal(HubConnectionState.Connected, participant.State);
        Assert.Empty(runs.SelectMany(r => r.Unstable));
        Assert.True(runs.Sum(r => r.Refused) > Invocations, $"only {runs.Sum(r => r.Refused)} refusals");
        var after = await Staff(mona, session.Id);
        var valid = runs.Single(r => r.LastValid is not null);
        // Only the participant's valid answers changed the session: one seq each, and the last one counts.
        Assert.Equal(before.Seq + valid.Valid, after.Seq);
        Assert.Equal(valid.LastValid, after.Tallies.Single().Options.ToArray());
        Assert.Equal(JsonSerializer.Serialize(before.Session with { Answers = after.Session.Answers }), JsonSerializer.Serialize(after.Session));
        Assert.Empty(fixture.Errors.Entries);
        await participant.DisposeAsync();
    }

    private sealed record Run(int Refused, int Valid, int[]? LastValid, List<string> Unstable);

    private static async Task<StaffView> Staff(UserSession moderator, Guid sessionId) =>
        (await moderator.Http.GetFromJsonAsync<StaffView>($"/api/sessions/{sessionId}", Json.Options))!;

    private static async Task<Run> FuzzAsync(HubConnection connection, Guid sessionId, bool asModerator)
    {
        var random = new Random(20261203 + (asModerator ? 1 : 0));
        var client = asModerator ? "fuzz-moderator" : "fuzz-participant";
        var number = 1000L;
        int refused = 0, valid = 0;
        int[]? last = null;
        var unstable = new List<string>();
        for (var i = 0; i < Invocations; i++)
        {
            if (!asModerator && i % ValidEvery == 0)
            {
                // A valid answer now and then (a change of the participant's answer): exactly these may change the session.
                var choice = random.Next(3);
                var result = await connection.InvokeAsync<SubmitResult>(nameof(SessionHub.Submit), sessionId, new OpId(client, ++number),
                    (SessionOp)new SubmitAnswer("v", $"ok{i}", [choice], [], [], null));
                Assert.True(result.Seq is not null, $"{result.ErrorCode} {result.Error}");
                valid++;
                last = [.. Enumerable.Range(0, 3).Select(o => o == choice ? 1 : 0)];
                continue;
            }

            try
            {
                var answer = await Invoke(connection, random, sessionId, client, () => ++number, asModerator);
                if (answer is SubmitResult result)
                {
                    if (result.ErrorCode is null)
                    {
                        unstable.Add($"accepted: {result.Seq} (invocation {i})");
                    }
                    else if (!StableCodes.Contains(result.ErrorCode))
                    {
                        unstable.Add($"code {result.ErrorCode}: {result.Error}");
                    }
                }

                refused++;
            }
            catch (HubException ex)
            {
                // Refusals our code makes carry a code; the framework's own (no such method, arguments that do not
                // bind) never reach it and say so in its words.
                var code = RefusalCode().Match(ex.Message);
                if (code.Success ? !StableCodes.Contains(code.Groups[1].Value) : ex.Message.Contains("HubException:", StringComparison.Ordinal))
                {
                    unstable.Add(ex.Message);
                }

                refused++;
            }
        }

        return new Run(refused, valid, last, unstable);
    }

    /// <summary>One random invocation; what it answers (SubmitResult for submits), or a HubException.</summary>
    private static async Task<object?> Invoke(HubConnection c, Random random, Guid sessionId, string client, Func<long> next, bool asModerator)
    {
        var junk = Junk(random);
        string submit = nameof(SessionHub.Submit), open = nameof(SessionHub.Open);
        OpId Id() => new(client, next());
        Task<object?> Submit(object op) => c.InvokeCoreAsync(submit, typeof(SubmitResult), [sessionId, Id(), op]);
        switch (random.Next(asModerator ? 14 : 16))
        {
            case 0: return await c.InvokeCoreAsync($"No{junk[..Math.Min(8, junk.Length)]}", typeof(object), [sessionId]);
            case 1: return await c.InvokeCoreAsync(submit, typeof(object), [sessionId]);
            case 2: return await c.InvokeCoreAsync(submit, typeof(SubmitResult), [junk, junk, junk]);
            case 3: return await Submit(JsonSerializer.SerializeToElement(new { type = junk, pollId = junk }));
            case 4: return await Submit(JsonDocument.Parse("{\"type\":\"submitAnswer\",\"pollId\":[1],\"answerId\":{},\"choices\":\"x\"}").RootElement);
            case 5: return await Submit(JsonDocument.Parse($"{{\"type\":\"addPoll\",\"pollId\":\"x{random.Next()}\",\"kind\":{random.Next(5, 1000)},\"question\":\"?\"}}").RootElement);
            case 6: return await Submit((SessionOp)new GoToStep(random.Next(int.MinValue, -1)));
            case 7: return await Submit((SessionOp)new StartTimer(random.Next(2) == 0 ? -random.Next() : SessionLimits.TimerSecondsMax + 1 + random.Next(1000)));
            case 8: return await Submit((SessionOp)new ShowResults($"nope{junk}", true));
            case 9: return await Submit((SessionOp)new SubmitAnswer("v", $"m{random.Next()}", [random.Next(-5, 10), random.Next(-5, 10), random.Next(-5, 10)], [], [], junk));
            case 10: return await c.InvokeCoreAsync(submit, typeof(SubmitResult), [Guid.NewGuid(), Id(), (SessionOp)new BringEveryone()]);
            case 11: return await c.InvokeCoreAsync(open, typeof(SessionOpened), [random.Next(2) == 0 ? Guid.NewGuid() : sessionId, random.Next(3, 1000)]);
            case 12: return await c.InvokeCoreAsync(submit, typeof(SubmitResult), [sessionId, new OpId(junk, -random.Next()), (SessionOp)new AdmitParticipant(junk, junk, null)]);
            case 13: return await Submit((SessionOp)new SetSessionTitle(new string('å', SessionLimits.TitleMax + 1 + random.Next(5000))));
            // The participant sends every kind of moderator operation, well formed: each is forbidden.
            case 14: return await Submit(random.Next(6) switch
            {
                0 => new SetPhase(SessionPhase.Pause),
                1 => new SetSessionTitle("Overtaget"),
                2 => new LockPoll("v", true),
                3 => new ResetPoll("v"),
                4 => new AddCoFacilitator("sp_me", "Mig"),
                _ => new StartTimer(60),
            });
            default: return await c.InvokeCoreAsync(open, typeof(SessionOpened), [sessionId, SessionAudience.Staff]);
        }
    }

    /// <summary>Strings with every kind of trouble: control characters, odd punctuation, markup, long.</summary>
    private static string Junk(Random random)
    {
        var builder = new StringBuilder();
        var length = random.Next(4) == 0 ? random.Next(1, 2000) : random.Next(1, 40);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(5) switch
            {
                0 => (char)random.Next(0, 32),
                1 => '<',
                2 => '"',
                _ => (char)random.Next(32, 0x2FFF),
            });
        }

        return builder.ToString();
    }

    [GeneratedRegex("HubException: ([a-z_]+):")]
    private static partial Regex RefusalCode();
}
