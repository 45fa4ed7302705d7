using Hub.Contracts.Common;

namespace Hub.Contracts.ForMe;

/// <summary>One person's "Til mig": what waits for them, and their daily digest. Key: the user id; only the person
/// themself (the actor) reads it or changes the digest. Every partnership, board and agreement is read as the person,
/// so the list holds only what they could open.</summary>
[Alias("hub.IForMeGrain")]
public interface IForMeGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<ForMeList> Get(Actor actor);

    [Alias("GetDigest")]
    Task<DigestSettings> GetDigest(Actor actor);

    /// <summary>Turns the digest on (to <paramref name="email"/>, the person's verified address) or off.</summary>
    [Alias("SetDigest")]
    Task<DigestSettings> SetDigest(Actor actor, bool enabled, string? email);

    /// <summary>The digest's unsubscribe link: holding its token is the right to turn the digest off, without signing
    /// in. False when the token is not this person's current one (the digest stays as it is).</summary>
    [Alias("Unsubscribe")]
    Task<bool> Unsubscribe(string token);

    /// <summary>The person deleted their account: the digest stops and their address is forgotten.</summary>
    [Alias("ForgetMe")]
    Task ForgetMe(Actor actor);
}

/// <summary>A web node that sends digests: the silos have no mail path of their own.</summary>
[Alias("hub.IDigestMailer")]
public interface IDigestMailer : IGrainObserver
{
    [Alias("Send")]
    Task Send(DigestMail mail);
}

/// <summary>Where web nodes offer to send digests (key 0). Like a live subscription it names no person: web nodes
/// renew it every <see cref="RenewSeconds"/> s and the post forgets a node that stops.</summary>
[Alias("hub.IDigestPostGrain")]
public interface IDigestPostGrain : IGrainWithIntegerKey
{
    public const int RenewSeconds = 10;

    [Alias("Offer")]
    Task Offer(IDigestMailer mailer);

    [Alias("Withdraw")]
    Task Withdraw(IDigestMailer mailer);
}
