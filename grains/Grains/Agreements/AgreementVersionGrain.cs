using Hub.Contracts.Agreements;

namespace Hub.Grains.Agreements;

/// <summary>
/// One frozen version of an agreement, in its own storage row, so the agreement's own row stays small however
/// many versions it has. Key: the partnership's id, with the version number as the key extension. Only the
/// agreement grain calls it (after checking access); the interface lives with the grains, not the contracts,
/// so web nodes cannot reach it.
/// </summary>
[Alias("hub.IAgreementVersionGrain")]
public interface IAgreementVersionGrain : IGrainWithGuidCompoundKey
{
    /// <summary>Stores the version; storing the same version again writes nothing.</summary>
    [Alias("Store")]
    Task Store(AgreementVersion version);

    [Alias("Get")]
    Task<AgreementVersion?> Get();

    /// <summary>A person deleted their account: their name leaves this version's approvals.</summary>
    [Alias("ForgetPerson")]
    Task ForgetPerson(string userId);
}

public sealed class AgreementVersionGrain(
    [PersistentState("agreement-version", GrainStorage.Name)] IPersistentState<AgreementVersionState> state) : Grain, IAgreementVersionGrain
{
    public async Task Store(AgreementVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (state.State.Version is { } stored && stored.Number == version.Number && stored.Seq == version.Seq)
        {
            return;
        }

        state.State = new AgreementVersionState { Version = version };
        await state.WriteStateAsync();
    }

    public Task<AgreementVersion?> Get() => Task.FromResult(state.State.Version);

    public async Task ForgetPerson(string userId)
    {
        if (state.State.Version is { } version && version.Approvals.Any(a => a.UserId == userId))
        {
            state.State = new AgreementVersionState { Version = AgreementReducer.Forget(version, userId) };
            await state.WriteStateAsync();
        }
    }
}

[GenerateSerializer, Alias("hub.AgreementVersionState")]
public sealed class AgreementVersionState
{
    [Id(0)] public AgreementVersion? Version { get; set; }
}
