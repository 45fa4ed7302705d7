using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;

namespace Hub.Grains.Sessions;

/// <summary>What only other grains call on a session: the code's way in.</summary>
[Alias("hub.ISessionTrustedGrain")]
public interface ISessionTrustedGrain : IGrainWithGuidKey
{
    /// <summary>Admits the person who entered <paramref name="code"/>, if it is still this open session's code.</summary>
    [Alias("Admit")]
    Task<SessionEntry> Admit(Actor actor, Side? side, string code);
}

/// <summary>The session grain claims its codes here (key: the code).</summary>
[Alias("hub.ISessionCodeTrustedGrain")]
public interface ISessionCodeTrustedGrain : IGrainWithStringKey
{
    /// <summary>True when the code was free (or is already this session's); a code once given out is never given to
    /// another session.</summary>
    [Alias("Claim")]
    Task<bool> Claim(Guid sessionId);

    /// <summary>The code dies: it leads nowhere, ever again.</summary>
    [Alias("Retire")]
    Task Retire(Guid sessionId);
}

/// <summary>Sessions keep their partnership's or cohort's list up to date.</summary>
[Alias("hub.ISessionListTrustedGrain")]
public interface ISessionListTrustedGrain : IGrainWithStringKey
{
    [Alias("Put")]
    Task Put(SessionSummary summary);
}
