using Hub.Contracts.Accounts;

namespace Hub.Grains.Accounts;

[GenerateSerializer, Alias("hub.EmailTokenState")]
public sealed class EmailTokenState
{
    [Id(0)] public EmailTicket? Ticket { get; set; }
}

/// <summary>A grain turn at a time: two clicks on one link cannot both redeem it.</summary>
public sealed class EmailTokenGrain(
    [PersistentState("email-token", GrainStorage.Name)] IPersistentState<EmailTokenState> state,
    TimeProvider clock) : Grain, IEmailTokenGrain
{
    public async Task Issue(EmailTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (state.State.Ticket is not null)
        {
            throw new InvalidOperationException("A token is issued once.");
        }

        state.State.Ticket = ticket;
        await state.WriteStateAsync();
    }

    public async Task<EmailTicket?> Redeem(EmailTokenPurpose purpose) => await Take(purpose) is { } ticket ? ticket with { PasswordHash = null } : null;

    public async Task<Registration?> CompleteRegistration()
    {
        if (await Take(EmailTokenPurpose.Register) is not { } ticket)
        {
            return null;
        }

        var account = await GrainFactory.GetGrain<IAccountTrustedGrain>(ticket.Email).Register(ticket.DisplayName!, ticket.PasswordHash!);
        return new Registration(account, ticket.InviteKey);
    }

    private async Task<EmailTicket?> Take(EmailTokenPurpose purpose)
    {
        var ticket = state.State.Ticket;
        if (ticket is null || ticket.Purpose != purpose)
        {
            return null;
        }

        await state.ClearStateAsync();
        state.State.Ticket = null;
        return ticket.ExpiresAt > clock.GetUtcNow() ? ticket : null;
    }
}
