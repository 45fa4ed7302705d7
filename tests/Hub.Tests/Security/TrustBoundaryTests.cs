using System.Reflection;
using Hub.Contracts.Common;
using Hub.Web.Setup;

namespace Hub.Tests.Security;

/// <summary>
/// The typed trust boundary (docs/decisions/001 and 005): the web node compiles against Hub.Contracts and not against
/// the grains, so it cannot call what only grains may call; and what it may call carries the person it acts for,
/// except the few calls listed here, each for a reason. A new contract method without an actor fails until it is
/// given one or listed with its reason: a guard for the methods still to come, like the authorization matrix.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class TrustBoundaryTests
{
    /// <summary>Contract methods a web node calls with no actor, and why.</summary>
    private static readonly Dictionary<string, string> WithoutActor = new()
    {
        // Before anyone is signed in: what the caller proves is the address's password or a mailed link's secret.
        ["IAccountGrain.Find"] = "sign-in and the mailed links, before anyone is signed in; returns no hash",
        ["IAccountGrain.VerifyPassword"] = "the password is what proves the person",
        ["IAccountGrain.SetPassword"] = "after the current password or a reset link was checked",
        ["IAccountGrain.Delete"] = "after the password was checked",
        ["IEmailTokenGrain.Issue"] = "the link's secret is the right",
        ["IEmailTokenGrain.Redeem"] = "the link's secret is the right",
        ["IEmailTokenGrain.CompleteRegistration"] = "the link's secret is the right: its owner read the mail",
        ["IExternalLoginGrain.SignIn"] = "the identity provider proved the person",
        ["IExternalLoginGrain.Delete"] = "the provider's person deletes their own account",
        ["ISignInThrottleGrain.WaitFor"] = "counts attempts before anyone is signed in",
        ["ISignInThrottleGrain.RecordFailure"] = "counts attempts before anyone is signed in",
        ["ISignInThrottleGrain.RecordSuccess"] = "counts attempts before anyone is signed in",
        ["IInviteGrain.Preview"] = "the link's secret is the right",
        ["ICohortInviteGrain.Preview"] = "the link's secret is the right",
        ["ISessionCodeGrain.Resolve"] = "the typed join code is the right; it names only the session, whose grain then admits the person",
        // The web node's own machinery, for the sessions and connections it holds.
        ["IUserGrain.GetSecurityStamp"] = "the stamp is what proves a cookie, so it is asked before the cookie is believed",
        ["IUserGrain.RotateSecurityStamp"] = "sign-out and password changes end the cookie's sessions",
        ["IKeyRingGrain.GetKeys"] = "the web nodes' data-protection keys",
        ["IKeyRingGrain.AddKey"] = "the web nodes' data-protection keys",
        ["IProbeGrain.Ping"] = "the readiness check",
        ["ILiveGrain`2.Leave"] = "a connection the node holds leaves a document it joined with an actor",
        ["ILiveGrain`2.SetEditing"] = "a connection the node holds, which joined with an actor",
        ["ILiveGrain`2.Subscribe"] = "the node's observer, with the connections (and their actors) it holds",
        ["ILiveGrain`2.Unsubscribe"] = "the node's observer",
        ["IPartnershipGrain.Watch"] = "the node's observer, with the connections (and their actors) it holds; answers those that may no longer read",
        ["IPartnershipGrain.Unwatch"] = "the node's observer",
        ["IForMeGrain.Unsubscribe"] = "the digest's unsubscribe link: holding its secret token is the right, signed out",
        ["IDigestPostGrain.Offer"] = "a web node offers its mail sender (an observer) to post digests",
        ["IDigestPostGrain.Withdraw"] = "a web node withdraws its own mail sender",
        // The audit trail: the web node records account events; reads are checked by the endpoint.
        ["IAuditGrain.Append"] = "account events happen before and after sign-in",
        ["IAuditGrain.ReadPage"] = "the endpoint checks the reader (coordinators, platform admins)",
        ["IAuditGrain.Read"] = "tests only",
    };

    [Fact]
    public void WebAssembly_ReferencesContractsButNotGrains()
    {
        var referenced = typeof(HubWebApp).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Hub.Contracts", referenced);
        Assert.DoesNotContain("Hub.Grains", referenced);
    }

    [Fact]
    public void ContractMethods_WithoutAnActor_AreTheListedOnes()
    {
        var unlisted = ContractMethods().Where(m => !m.Method.GetParameters().Any(p => p.ParameterType == typeof(Actor)))
            .Select(m => m.Name).Where(name => !WithoutActor.ContainsKey(name)).ToList();
        var stale = WithoutActor.Keys.Except(ContractMethods().Select(m => m.Name)).ToList();

        Assert.True(unlisted.Count == 0, $"Contract methods without an actor, not listed: {string.Join(", ", unlisted)}");
        Assert.True(stale.Count == 0, $"Listed but no longer contract methods: {string.Join(", ", stale)}");
    }

    [Fact]
    public void TrustedGrainInterfaces_LiveInGrainsNotInContracts()
    {
        var contractTrusted = typeof(Actor).Assembly.GetTypes().Where(t => t.IsInterface && t.Name.EndsWith("TrustedGrain", StringComparison.Ordinal));
        var grainsTrusted = typeof(Hub.Grains.GrainStorage).Assembly.GetTypes()
            .Where(t => t.IsInterface && t.Name.EndsWith("TrustedGrain", StringComparison.Ordinal)).Select(t => t.Name).ToList();

        Assert.Empty(contractTrusted);
        Assert.Contains("IPartnershipTrustedGrain", grainsTrusted);
    }

    /// <summary>Every method of every grain interface in Hub.Contracts (observers are the grains' calls to the web).</summary>
    private static IEnumerable<(string Name, MethodInfo Method)> ContractMethods() =>
        typeof(Actor).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t) && !typeof(IGrainObserver).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsStatic)
                .Select(m => ($"{t.Name}.{m.Name}", m)));
}
