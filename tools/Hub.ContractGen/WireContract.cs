using System.Reflection;
using Hub.Contracts.Admin;
using Hub.Contracts.Audit;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Evaluations;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Text;
using Hub.Web.Accounts;

namespace Hub.ContractGen;

/// <summary>
/// The wire contract in TypeScript, read from the C# that defines it: the contracts assembly (records, enums, limits,
/// error codes), the web node's request and answer records, and its SignalR hubs (paths, methods, events). What it
/// finds by itself: every hub, every type a hub or a record on the wire reaches, every enum such a type uses, every
/// constant-holding static class of the contracts. What it is told: the lists below.
/// </summary>
public static class WireContract
{
    /// <summary>The one command that rewrites the generated file.</summary>
    public const string Command = "dotnet run --project tools/Hub.ContractGen -c Release";

    /// <summary>Where the generated file lives, from the repository root.</summary>
    public const string RelativeOutputPath = "web/client/src/generated/contracts.ts";

    /// <summary>Contract records a web endpoint takes as its body or answers with as they are (the web node's own
    /// records are found without a list). A new endpoint that takes or returns a contract record adds it here.</summary>
    public static readonly IReadOnlyList<Type> RestRecords =
    [
        typeof(InviteRequest),
        typeof(PartnershipSnapshot),
        typeof(PartnershipSummary),
        typeof(PartnershipListing),
        typeof(DirectoryPage),
        typeof(InvitePreview),
        typeof(AuditPage),
        typeof(CohortDetails),
        typeof(CohortInviteRequest),
        typeof(CohortInvitePreview),
        typeof(ScopeInspection),
        typeof(DocumentInspection),
        typeof(DocumentExport),
        typeof(RestorePreview),
        typeof(EvaluationSetup),
        typeof(EvaluationItemDraft),
        typeof(EvaluationSettings),
        typeof(Questionnaire),
        typeof(SessionReaction),
        typeof(EvaluationResults),
        typeof(Hub.Contracts.Sessions.SessionDetails),
        typeof(Hub.Contracts.Sessions.SessionEntry),
        typeof(Hub.Contracts.Sessions.SessionSummary),
        typeof(Hub.Contracts.Sessions.SessionReport),
        typeof(ReflectionsView),
        typeof(ReflectionDraft),
        typeof(Reflection),
        typeof(Hub.Contracts.Barriers.PartnershipBarriers),
        typeof(Hub.Contracts.Barriers.BarrierReport),
        typeof(Hub.Contracts.Sessions.ResultsToBoard),
        typeof(Hub.Contracts.Sessions.ResultsSentOutcome),
        typeof(Hub.Contracts.ForMe.ForMeList),
        typeof(Hub.Contracts.ForMe.DigestSettings),
    ];

    /// <summary>Limits the web node keeps itself (not in a contract) that the client checks before sending.</summary>
    public static readonly IReadOnlyList<Type> WebConstants = [typeof(PasswordPolicy), typeof(AccountEndpoints)];

    /// <summary>Types written by their own JSON converter: reflection cannot see their shape, so it is said here.</summary>
    public static readonly IReadOnlyDictionary<Type, string> ConvertedShapes = new Dictionary<Type, string>
    {
        [typeof(TextOp)] = "(number | string)[]",
    };

    /// <summary>The generated file's text, from the assemblies loaded in this process.</summary>
    public static string Render() =>
        new TypeScriptRenderer(Assembly.Load("Hub.Contracts"), Assembly.Load("Hub.Web")).Render();

    /// <summary>The generated file's path in the repository this program (or test) was built from.</summary>
    public static string DefaultOutputPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hub.sln")))
            {
                return Path.Combine(dir.FullName, RelativeOutputPath);
            }
        }

        throw new InvalidOperationException($"No Hub.sln above {AppContext.BaseDirectory}: run from the repository.");
    }
}
