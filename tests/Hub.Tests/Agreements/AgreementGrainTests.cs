using Hub.Contracts.Agreements;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Text;
using Hub.Grains.Text;
using Hub.Tests.Infrastructure;
using static Hub.Tests.Agreements.AgreementTestKit;

namespace Hub.Tests.Agreements;

/// <summary>The agreement grain on Orleans' test cluster with real storage, once on SQLite and once on PostgreSQL.</summary>
public abstract class AgreementGrainTests<TCluster>(TCluster cluster) : IClassFixture<TCluster> where TCluster : GrainCluster
{
    private static long s_bulkNumber;
    private readonly string _client = $"t{Guid.NewGuid():N}";
    private long _number;

    [Fact]
    public async Task Join_MemberOpensItFirst_GetsAnEmptyAgreementWithEverySection()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);

        var joined = await agreement.Join(Cy, "conn-1", 0);

        var snapshot = Assert.IsType<AgreementSnapshot>(joined.Snapshot);
        Assert.Equal(0, snapshot.Seq);
        Assert.Equal(Enum.GetValues<AgreementSection>(), snapshot.Agreement.Sections.Keys.Order());
        Assert.All(snapshot.Agreement.Sections.Values, text => Assert.Equal("", text));
        Assert.Equal(RecordCheck.Unknown, snapshot.Agreement.RecordCheck);
        Assert.Empty(snapshot.Agreement.Versions);
    }

    [Fact]
    public async Task Join_NonMember_IsRefusedAsNotFound()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => agreement.Join(Stranger, "conn-1", 0));

        Assert.Equal(ErrorCodes.NotFound, refused.Code);
    }

    [Fact]
    public async Task EditSection_TwoEditsFromOneBase_BothAreKeptAndTheLaterIsCommittedTransformed()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);
        var baseSeq = await Type(agreement, Anna, AgreementSection.Purpose, "Vi går ture.");

        var first = await agreement.Submit(Anna, Next(), new EditSection(AgreementSection.Purpose, baseSeq, TextOps.Replace(12, 11, 0, " sammen")));
        var second = await agreement.Submit(Bo, Next(), new EditSection(AgreementSection.Purpose, baseSeq, TextOps.Replace(12, 0, 0, "Hver uge: ")));

        Assert.NotNull(first.Seq);
        var snapshot = await agreement.GetSnapshot(Anna);
        Assert.Equal("Hver uge: Vi går ture sammen.", snapshot.Agreement.Sections[AgreementSection.Purpose]);
        var committed = (EditSection)(await agreement.Sync(Anna, baseSeq)).Ops.Single(o => o.Seq == second.Seq).Op;
        Assert.Equal(second.Seq - 1, committed.Base);
        Assert.Equal(TextOps.Replace(19, 0, 0, "Hver uge: "), committed.Op);
    }

    [Fact]
    public async Task Submit_Observer_IsForbiddenAndChangesNothing()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);

        var result = await agreement.Submit(Olga, Next(), new EditSection(AgreementSection.Purpose, 0, TextOps.Replace(0, 0, 0, "Nej")));

        Assert.Equal(ErrorCodes.Forbidden, result.ErrorCode);
        Assert.Equal(0, (await agreement.GetSnapshot(Olga)).Seq);
    }

    [Fact]
    public async Task EditSection_BeyondTheSectionMaximum_IsRefusedAndChangesNothing()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);
        var baseSeq = await Type(agreement, Anna, AgreementSection.Roles, "abc");

        var result = await agreement.Submit(Cy, Next(), new EditSection(AgreementSection.Roles, baseSeq, TextOps.Replace(3, 3, 0, new string('x', AgreementLimits.SectionMax - 2))));

        Assert.Equal(ErrorCodes.Limit, result.ErrorCode);
        var snapshot = await agreement.GetSnapshot(Anna);
        Assert.Equal(baseSeq, snapshot.Seq);
        Assert.Equal("abc", snapshot.Agreement.Sections[AgreementSection.Roles]);
    }

    [Theory]
    [InlineData("[3,-2147483647,-2147483646,3]")]
    [InlineData("[3,2147483647,2147483647,2]")]
    [InlineData("[3,-9223372036854775808]")]
    public async Task EditSection_CountsThatWrapAroundToTheLength_AreRefusedAndChangeNothing(string json)
    {
        var agreement = await NewAgreementAsync(cluster.Grains);
        var baseSeq = await Type(agreement, Anna, AgreementSection.Purpose, "abc");
        var op = System.Text.Json.JsonSerializer.Deserialize<TextOp>(json, Json.Options)!;

        var result = await agreement.Submit(Bo, Next(), new EditSection(AgreementSection.Purpose, baseSeq, op));

        Assert.Equal(ErrorCodes.Validation, result.ErrorCode);
        var snapshot = await agreement.GetSnapshot(Anna);
        Assert.Equal((baseSeq, "abc"), (snapshot.Seq, snapshot.Agreement.Sections[AgreementSection.Purpose]));
        // Others' edits still fit: nobody is left with a text the grain no longer has.
        await Type(agreement, Cy, AgreementSection.Purpose, "x", at: 3);
        Assert.Equal("abcx", (await agreement.GetSnapshot(Anna)).Agreement.Sections[AgreementSection.Purpose]);
    }

    [Fact]
    public async Task Submit_UnderAnotherPersonsClientId_DoesNotSwallowTheirLaterOps()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);
        var victim = $"v{Guid.NewGuid():N}";
        var first = await agreement.Submit(Anna, new OpId(victim, 1), new EditSection(AgreementSection.Purpose, 0, TextOps.Replace(0, 0, 0, "a")));

        // Bo read Anna's client id from a push and sends under it, with a number far ahead of hers.
        var forged = await agreement.Submit(Bo, new OpId(victim, 1_000_000), new EditSection(AgreementSection.Roles, first.Seq!.Value, TextOps.Replace(0, 0, 0, "B")));
        var typed = await agreement.Submit(Anna, new OpId(victim, 2), new EditSection(AgreementSection.Purpose, forged.Seq!.Value, TextOps.Replace(1, 1, 0, "b")));

        Assert.False(typed.Duplicate);
        Assert.NotNull(typed.Seq);
        var snapshot = await agreement.GetSnapshot(Anna);
        Assert.Equal("ab", snapshot.Agreement.Sections[AgreementSection.Purpose]);
        Assert.Equal("B", snapshot.Agreement.Sections[AgreementSection.Roles]);
        // Retries are still answered once, each person's from their own marks.
        var annaRetry = await agreement.Submit(Anna, new OpId(victim, 2), new EditSection(AgreementSection.Purpose, forged.Seq!.Value, TextOps.Replace(1, 1, 0, "b")));
        var boRetry = await agreement.Submit(Bo, new OpId(victim, 1_000_000), new EditSection(AgreementSection.Roles, first.Seq!.Value, TextOps.Replace(0, 0, 0, "B")));
        Assert.Equal((typed.Seq, true), (annaRetry.Seq, annaRetry.Duplicate));
        Assert.Equal((forged.Seq, true), (boRetry.Seq, boRetry.Duplicate));
        Assert.Equal(snapshot.Seq, (await agreement.GetSnapshot(Anna)).Seq);
    }

    [Fact]
    public async Task Submit_StateStoredWithMarksOfTheOldShape_AnswersTheirRetriesAndBindsNewOnesToTheirAuthor()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);
        var key = agreement.GetPrimaryKey();
        var client = $"o{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        var document = Hub.Grains.Agreements.AgreementReducer.New(key);
        // With the partnership's signers, so that the agreement has no parties to catch up on (SetSigners) first.
        document = document with { Sections = document.Sections.SetItem(AgreementSection.Purpose, "ab"), Signers = Signers };
        // As stored before marks had an author: keyed by client id alone, and no field Id 3 (it reads as null).
        var old = new Hub.Grains.Live.LiveState<Agreement>
        {
            Document = document,
            Seq = 2,
            Clients = System.Collections.Immutable.ImmutableDictionary<string, Hub.Grains.Live.ClientMark>.Empty
                .Add(client, new Hub.Grains.Live.ClientMark(2, 2, null, null, now)),
            Marks = null!,
        };
        // The partnership's new members activated the agreement (empty): let it go, so it reads what is planted.
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await cluster.Storage.WriteStateAsync("agreement", agreement.GetGrainId(), new GrainState<Hub.Grains.Live.LiveState<Agreement>>(old));

        var retry = await agreement.Submit(Anna, new OpId(client, 2), new EditSection(AgreementSection.Purpose, 2, TextOps.Replace(2, 2, 0, "c")));
        var bo = await agreement.Submit(Bo, new OpId(client, 3), new EditSection(AgreementSection.Purpose, 2, TextOps.Replace(2, 2, 0, "d")));
        var anna = await agreement.Submit(Anna, new OpId(client, 3), new EditSection(AgreementSection.Purpose, 3, TextOps.Replace(3, 3, 0, "e")));

        Assert.Equal((2L, true), (retry.Seq, retry.Duplicate));
        Assert.Equal((3L, false), (bo.Seq, bo.Duplicate));
        Assert.Equal((4L, false), (anna.Seq, anna.Duplicate));
        Assert.Equal("abde", (await agreement.GetSnapshot(Anna)).Agreement.Sections[AgreementSection.Purpose]);
    }

    [Fact]
    public async Task Join_NonMemberBeforeAnyoneOpenedIt_StoresNothing()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => agreement.Join(Stranger, "conn-1", 0));
        var refusedSubmit = await agreement.Submit(Stranger, Next(), new SetRecordCheck(RecordCheck.Required));

        Assert.Equal(ErrorCodes.NotFound, refused.Code);
        Assert.Equal(ErrorCodes.NotFound, refusedSubmit.ErrorCode);
        Assert.Equal(0, await StoredRowsAsync(cluster.Database, "agreement", agreement.GetPrimaryKey()));
        // A member's first look makes it, as before.
        await agreement.Join(Cy, "conn-2", 0);
        Assert.Equal(1, await StoredRowsAsync(cluster.Database, "agreement", agreement.GetPrimaryKey()));
    }

    [Fact]
    public async Task Approve_BothSides_FreezesVersionOneAndTheDraftGoesOn()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);
        await Type(agreement, Cy, AgreementSection.Purpose, "Fælles gåture.");
        var seq = (await Applied(agreement, Anna, new SetRecordCheck(RecordCheck.Required))).Seq!.Value;

        await Applied(agreement, Anna, new Approve(Municipality, seq));
        var both = await Applied(agreement, Bo, new Approve(Voluntary, seq));

        var frozen = (await agreement.GetSnapshot(Anna)).Agreement;
        var info = Assert.Single(frozen.Versions);
        Assert.Equal((1, both.Seq!.Value), (info.Number, info.Seq));
        Assert.Equal([AgreementParty.Municipality, AgreementParty.Voluntary], info.Approvals.Select(a => a.Party));
        Assert.Equal(["anna", "bo"], info.Approvals.Select(a => a.UserId));
        Assert.Empty(frozen.Approvals);

        var draftSeq = await Type(agreement, Bo, AgreementSection.Purpose, " Hver tirsdag.", at: 14);
        var version = await agreement.GetVersion(Cy, 1);
        Assert.Equal("Fælles gåture.", version.Sections[AgreementSection.Purpose]);
        Assert.Equal(RecordCheck.Required, version.RecordCheck);
        Assert.Equal("Fælles gåture. Hver tirsdag.", (await agreement.GetSnapshot(Cy)).Agreement.Sections[AgreementSection.Purpose]);

        await Applied(agreement, Bo, new Approve(Voluntary, draftSeq));
        await Applied(agreement, Anna, new Approve(Municipality, draftSeq));
        Assert.Equal([1, 2], (await agreement.GetSnapshot(Anna)).Agreement.Versions.Select(v => v.Number));
        Assert.Equal("Fælles gåture.", (await agreement.GetVersion(Olga, 1)).Sections[AgreementSection.Purpose]);
        Assert.Equal("Fælles gåture. Hver tirsdag.", (await agreement.GetVersion(Olga, 2)).Sections[AgreementSection.Purpose]);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<HubRefusedException>(() => agreement.GetVersion(Anna, 3))).Code);
    }

    [Fact]
    public async Task EditSection_AfterOneSidesApproval_WithdrawsItAndSaysByWhom()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);
        var seq = await Type(agreement, Anna, AgreementSection.Meetings, "Hver måned.");
        await Applied(agreement, Anna, new Approve(Municipality, seq));

        await Type(agreement, Cy, AgreementSection.Meetings, " Online.", at: 11);

        var draft = (await agreement.GetSnapshot(Anna)).Agreement;
        Assert.Empty(draft.Approvals);
        var withdrawn = Assert.Single(draft.Withdrawn);
        Assert.Equal((AgreementParty.Municipality, "anna", WithdrawalReason.Edited, "cy", "Cy Holm"),
            (withdrawn.Approval.Party, withdrawn.Approval.UserId, withdrawn.Reason, withdrawn.ByUserId, withdrawn.ByName));
        Assert.Empty(draft.Versions);
    }

    [Fact]
    public async Task WithdrawApproval_ByItsSidesCoordinator_TakesItBack()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);
        var seq = await Type(agreement, Anna, AgreementSection.Meetings, "Hver måned.");
        await Applied(agreement, Bo, new Approve(Voluntary, seq));

        await Applied(agreement, Bo, new WithdrawApproval(Voluntary));

        var draft = (await agreement.GetSnapshot(Anna)).Agreement;
        Assert.Empty(draft.Approvals);
        Assert.Equal(WithdrawalReason.Withdrawn, Assert.Single(draft.Withdrawn).Reason);
    }

    [Theory]
    [InlineData("member approves", "cy", Voluntary, false, ErrorCodes.Forbidden)]
    [InlineData("coordinator approves for the other side", "anna", Voluntary, false, ErrorCodes.Forbidden)]
    [InlineData("observer approves", "olga", Municipality, false, ErrorCodes.Forbidden)]
    [InlineData("approval of an older text", "anna", Municipality, true, ErrorCodes.Conflict)]
    public async Task Approve_NotAllowed_IsRefusedAndChangesNothing(string why, string actorId, string party, bool staleBase, string code)
    {
        var agreement = await NewAgreementAsync(cluster.Grains);
        var seq = await Type(agreement, Anna, AgreementSection.Purpose, "Formål.");
        if (staleBase)
        {
            seq = await Type(agreement, Cy, AgreementSection.Purpose, "!", at: 7) - 1;
        }

        var before = await agreement.GetSnapshot(Anna);
        var actor = new[] { Anna, Cy, Olga }.Single(a => a.UserId == actorId);

        var result = await agreement.Submit(actor, Next(), new Approve(party, seq));

        Assert.True(result.ErrorCode == code, $"{why}: {result.ErrorCode} {result.Error}");
        Assert.Equal(before.Seq, (await agreement.GetSnapshot(Anna)).Seq);
    }

    [Fact]
    public async Task Approve_EmptyAgreementOrNothingChangedSinceTheLastVersion_IsRefused()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);
        Assert.Equal(ErrorCodes.Validation, (await agreement.Submit(Anna, Next(), new Approve(Municipality, 0))).ErrorCode);
        var seq = await Type(agreement, Anna, AgreementSection.Purpose, "Formål.");
        await Applied(agreement, Anna, new Approve(Municipality, seq));
        var frozen = await Applied(agreement, Bo, new Approve(Voluntary, seq));

        var again = await agreement.Submit(Anna, Next(), new Approve(Municipality, frozen.Seq!.Value));

        Assert.Equal(ErrorCodes.Conflict, again.ErrorCode);
    }

    [Fact]
    public async Task Agreement_AcrossARestartOfEverySilo_KeepsTextApprovalsAndVersions()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);
        var seq = await Type(agreement, Anna, AgreementSection.StartAndEnd, "Fra 1. marts, et år.");
        await Applied(agreement, Anna, new Approve(Municipality, seq));
        await Applied(agreement, Bo, new Approve(Voluntary, seq));
        var draftSeq = await Type(agreement, Bo, AgreementSection.Boundary, "Frivillige laver ikke myndighedsopgaver.");
        await Applied(agreement, Anna, new Approve(Municipality, draftSeq));
        var before = await agreement.GetSnapshot(Anna);

        await cluster.RestartAsync();

        agreement = cluster.Grains.GetGrain<IAgreementGrain>(agreement.GetPrimaryKey());
        var after = await agreement.GetSnapshot(Anna);
        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal(before.Agreement.Sections, after.Agreement.Sections);
        Assert.Equal(AgreementParty.Municipality, Assert.Single(after.Agreement.Approvals).Party);
        Assert.Equal("Fra 1. marts, et år.", (await agreement.GetVersion(Bo, 1)).Sections[AgreementSection.StartAndEnd]);
        Assert.Equal(before.Agreement.Texts.Edits.Length, after.Agreement.Texts.Edits.Length);
    }

    [Fact]
    public async Task StoredRow_AfterThousandsOfEdits_StaysTheSameSize()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);
        var key = agreement.GetPrimaryKey();
        var random = new Random(5);
        await EditsAsync(agreement, random, 1000);
        var afterOneThousand = await StoredBytesAsync(cluster.Database, "agreement", key);

        await EditsAsync(agreement, random, 3000);

        var afterFourThousand = await StoredBytesAsync(cluster.Database, "agreement", key);
        var snapshot = await agreement.GetSnapshot(Anna);
        Assert.Equal(TextLimits.HistoryMax, snapshot.Agreement.Texts.Edits.Length);
        // Same text length (each round types a character and deletes one), same history length: the row may
        // differ by a few bytes of varints, never by what 3000 more edits would take.
        Assert.InRange(afterFourThousand, afterOneThousand - 512, afterOneThousand + 512);
    }

    /// <summary>Rounds of small edits to one section, many at a time from different clients against one base (the
    /// grain transforms them): a character typed while the text is short, one deleted once it is long enough.</summary>
    public static async Task EditsAsync(IAgreementGrain agreement, Random random, int count, int parallel = 50, int length = 500)
    {
        var done = 0;
        // The same tabs throughout: the grain remembers each client's last op id (up to 2000 clients), which is
        // part of the row but not what grows with edits.
        const string client = "bulk";

        while (done < count)
        {
            var snapshot = await agreement.GetSnapshot(Anna);
            var text = snapshot.Agreement.Sections[AgreementSection.Purpose];
            var batch = Math.Min(parallel, count - done);
            var ops = Enumerable.Range(0, batch).Select(i =>
            {
                var at = random.Next(text.Length + 1);
                var op = text.Length < length || at == text.Length
                    ? TextOps.Replace(text.Length, at, 0, ((char)('a' + random.Next(26))).ToString())
                    : TextOps.Replace(text.Length, at, 1, "");
                return agreement.Submit(i % 2 == 0 ? Anna : Cy, new OpId($"{client}-{i}", Interlocked.Increment(ref s_bulkNumber)), new EditSection(AgreementSection.Purpose, snapshot.Seq, op));
            });
            var results = await Task.WhenAll(ops);
            Assert.All(results, r => Assert.True(r.Seq is not null, r.Error));
            done += batch;
        }
    }

    /// <summary>Types <paramref name="text"/> into a section at <paramref name="at"/> as one edit; returns its seq.</summary>
    private async Task<long> Type(IAgreementGrain agreement, Actor actor, AgreementSection section, string text, int at = 0)
    {
        var snapshot = await agreement.GetSnapshot(actor);
        var length = snapshot.Agreement.Sections[section].Length;
        var result = await Applied(agreement, actor, new EditSection(section, snapshot.Seq, TextOps.Replace(length, at, 0, text)));
        return result.Seq!.Value;
    }

    private async Task<SubmitResult> Applied(IAgreementGrain agreement, Actor actor, AgreementOp op)
    {
        var result = await agreement.Submit(actor, Next(), op);
        Assert.True(result.Seq is not null, $"{op} was refused: {result.ErrorCode} {result.Error}");
        return result;
    }

    private OpId Next() => new(_client, Interlocked.Increment(ref _number));
}

[Trait("Tier", "Fast")]
public sealed class AgreementGrainOnSqliteTests(SqliteGrainCluster cluster) : AgreementGrainTests<SqliteGrainCluster>(cluster);

public sealed class AgreementGrainOnPostgresTests(PostgresGrainCluster cluster) : AgreementGrainTests<PostgresGrainCluster>(cluster);
