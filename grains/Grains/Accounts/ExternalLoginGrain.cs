using Hub.Contracts.Accounts;
using Hub.Contracts.Partnerships;

namespace Hub.Grains.Accounts;

[GenerateSerializer, Alias("hub.ExternalLoginState")]
public sealed class ExternalLoginState
{
    [Id(0)] public string? UserId { get; set; }
    [Id(1)] public string DisplayName { get; set; } = "";
    [Id(2)] public string Email { get; set; } = "";
}

public sealed class ExternalLoginGrain(
    [PersistentState("external-login", GrainStorage.Name)] IPersistentState<ExternalLoginState> state) : Grain, IExternalLoginGrain
{
    public async Task<AccountInfo> SignIn(string displayName, string email)
    {
        var name = string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim();
        name = name.Length > PartnershipRules.DisplayNameMax ? name[..PartnershipRules.DisplayNameMax] : name;
        if (state.State.UserId is null || state.State.DisplayName != name || state.State.Email != email)
        {
            state.State.UserId ??= Guid.NewGuid().ToString("N");
            state.State.DisplayName = name;
            state.State.Email = email;
            await state.WriteStateAsync();
        }

        return new AccountInfo(state.State.UserId, state.State.Email, state.State.DisplayName);
    }

    public async Task Delete()
    {
        if (state.State.UserId is not null)
        {
            await state.ClearStateAsync();
        }
    }
}
