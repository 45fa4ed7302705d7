using Hub.Contracts.Common;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Web.Realtime;

/// <summary>
/// SignalR hides server exceptions from clients; a refusal is not an accident, so it travels as a
/// HubException whose message is "code: message" (docs/protocol.md lists the codes).
/// </summary>
public sealed class RefusalFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (HubRefusedException refused)
        {
            throw new HubException($"{refused.Code}: {refused.Message}");
        }
    }
}
