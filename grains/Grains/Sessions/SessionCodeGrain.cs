using System.Security.Cryptography;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;

namespace Hub.Grains.Sessions;

[GenerateSerializer, Alias("hub.SessionCodeState")]
public sealed class SessionCodeState
{
    [Id(0)] public Guid? SessionId { get; set; }

    [Id(1)] public bool Retired { get; set; }
}

/// <summary>One join code and the session it leads to. A closed session's code is retired, never handed out again.</summary>
public sealed class SessionCodeGrain(
    [PersistentState("session-code", GrainStorage.Name)] IPersistentState<SessionCodeState> state)
    : Grain, ISessionCodeGrain, ISessionCodeTrustedGrain
{
    public Task<Guid> Resolve() => Task.FromResult(Live());

    public async Task<SessionEntry> Enter(Actor actor, Side? side)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await GrainFactory.GetGrain<ISessionTrustedGrain>(Live()).Admit(actor, side, this.GetPrimaryKeyString());
    }

    private Guid Live() => state.State is { SessionId: { } sessionId, Retired: false }
        ? sessionId
        : throw new HubRefusedException(ErrorCodes.NotFound, "Koden findes ikke, eller mødet er slut. / The code does not exist, or the session has ended.");

    public async Task<bool> Claim(Guid sessionId)
    {
        if (state.State.SessionId is { } taken)
        {
            return taken == sessionId && !state.State.Retired;
        }

        state.State.SessionId = sessionId;
        await state.WriteStateAsync();
        return true;
    }

    public async Task Retire(Guid sessionId)
    {
        if (state.State.SessionId == sessionId && !state.State.Retired)
        {
            state.State.Retired = true;
            await state.WriteStateAsync();
        }
    }

    /// <summary>A fresh random code from <see cref="SessionLimits.CodeAlphabet"/>.</summary>
    public static string NewCode() =>
        string.Create(SessionLimits.CodeLength, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = SessionLimits.CodeAlphabet[RandomNumberGenerator.GetInt32(SessionLimits.CodeAlphabet.Length)];
            }
        });
}

[GenerateSerializer, Alias("hub.SessionListState")]
public sealed class SessionListState
{
    [Id(0)] public List<SessionSummary> Sessions { get; set; } = [];
}

/// <summary>The sessions of one partnership or cohort. Readers are checked by the owner's own grain.</summary>
public sealed class SessionListGrain(
    [PersistentState("session-list", GrainStorage.Name)] IPersistentState<SessionListState> state)
    : Grain, ISessionListGrain, ISessionListTrustedGrain
{
    public const int Kept = 500;

    public static string KeyOf(SessionOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return owner.CohortId is { } cohort ? $"cohort:{cohort:N}" : $"partnership:{owner.PartnershipId:N}";
    }

    public async Task<System.Collections.Immutable.ImmutableArray<SessionSummary>> List(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var key = this.GetPrimaryKeyString();
        var id = Guid.ParseExact(key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..], "N");
        if (key.StartsWith("cohort:", StringComparison.Ordinal))
        {
            await SessionGrain.EnsureCohortReaderAsync(GrainFactory, id, actor);
        }
        else
        {
            await SessionGrain.EnsurePartnershipMemberAsync(GrainFactory, id, actor);
        }

        return [.. state.State.Sessions.OrderByDescending(s => s.CreatedAt)];
    }

    public async Task Put(SessionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var list = state.State.Sessions;
        list.RemoveAll(s => s.Id == summary.Id);
        list.Add(summary);
        if (list.Count > Kept)
        {
            list.RemoveRange(0, list.Count - Kept);
        }

        await state.WriteStateAsync();
    }
}
