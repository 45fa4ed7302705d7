using System.Text.Json;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Evaluations;
using Hub.Contracts.Partnerships;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Evaluations;

/// <summary>
/// A cohort's evaluation on Orleans' test cluster with real storage and real stored reminders, once on SQLite and
/// once on PostgreSQL: answering, pairing by pseudonym, the anonymity threshold, deletion, who may do what, and the
/// follow-up opened by its reminder with a moved clock, also after the whole cluster restarted.
/// </summary>
public abstract class CohortEvaluationGrainTests<TCluster>(TCluster cluster) : IClassFixture<TCluster>
    where TCluster : GrainCluster, IEvaluationCluster
{
    private static readonly TimeSpan ReminderWait = TimeSpan.FromSeconds(30);
    private readonly Actor _mona = NewActor("Mona Moderator");
    private readonly Actor _olga = NewActor("Olga observatør");
    private readonly Actor _stranger = NewActor("Fremmed");

    private IGrainFactory Grains => cluster.Grains;

    [Fact]
    public async Task Answer_T0ThenT1_PairsEachPersonByPseudonymIntoTheChange()
    {
        var (evaluation, civil, staff) = await EvaluationWith(3, 3, threshold: 3);

        await Answered(evaluation, EvaluationTimepoint.T0, civil, [(2, null), (2, null), (3, null)]);
        await Answered(evaluation, EvaluationTimepoint.T0, staff, [(1, null), (1, null), (0, null)]);
        await Answered(evaluation, EvaluationTimepoint.T1, civil, [(4, 2), (4, 1), (5, 3)]);
        await Answered(evaluation, EvaluationTimepoint.T1, staff, [(3, 1), (3, 2), (3, 2)]);

        var item = (await evaluation.GetResults(_mona)).Items.Single(i => i.ItemId == "contact");
        var volunteers = item.Groups.Single(g => g.Group == EvaluationGroup.Civil);
        Assert.Equal(new EvaluationChange(3, 2.33, 4.33, 2, false), volunteers.Change);
        Assert.Equal(new EvaluationChange(3, 2, 4.33, 2.33, false), volunteers.RetroChange);
        Assert.Equal([1, 1, 1, 0, 0], volunteers.Before.Counts.ToArray());
        var employees = item.Groups.Single(g => g.Group == EvaluationGroup.Staff);
        // The one who said "ved ikke" at T0 is counted there but has no pair: two pairs are fewer than three.
        Assert.Equal((3, 1), (employees.T0.N, employees.T0.DontKnow));
        Assert.True(employees.Change.Withheld);
        Assert.Equal(3, employees.T1.N);
    }

    [Fact]
    public async Task GetResults_FewerAnswersThanTheThreshold_WithheldEverywhereUntilEnough()
    {
        var (evaluation, civil, _) = await EvaluationWith(5, 0, threshold: null);
        await Open(evaluation, EvaluationTimepoint.T0);

        await Answered(evaluation, EvaluationTimepoint.T0, civil[..4], [(4, null), (4, null), (5, null), (1, null)]);
        var few = await evaluation.GetResults(_mona);
        await Answered(evaluation, EvaluationTimepoint.T0, civil[4..], [(2, null)]);
        var enough = await evaluation.GetResults(_mona);

        var withheld = few.Items[0].Groups.Single(g => g.Group == EvaluationGroup.Civil).T0;
        Assert.Equal(EvaluationLimits.ThresholdDefault, few.Threshold);
        Assert.Equal(new EvaluationFigure(0, 0, null, [], true), withheld with { Counts = [] });
        Assert.Empty(withheld.Counts);
        Assert.Equal("For få svar til at vise", few.WithheldText);
        var shown = enough.Items[0].Groups.Single(g => g.Group == EvaluationGroup.Civil).T0;
        Assert.Equal((5, 3.2, false), (shown.N, shown.Mean, shown.Withheld));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(51)]
    public async Task SetSettings_ThresholdOutsideThreeToFifty_RefusedAndUnchanged(int threshold)
    {
        var (evaluation, _, _) = await EvaluationWith(1, 0, threshold: null);

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => evaluation.SetSettings(_mona, new EvaluationSettings(threshold, 90)));

        Assert.Equal((ErrorCodes.Validation, "threshold"), (refused.Code, refused.Field));
        Assert.Equal(EvaluationLimits.ThresholdDefault, (await evaluation.GetSetup(_mona)).Settings.Threshold);
    }

    [Fact]
    public async Task SetSettings_ThresholdThree_IsTheLowestAllowed()
    {
        var (evaluation, _, _) = await EvaluationWith(1, 0, threshold: null);

        var setup = await evaluation.SetSettings(_mona, new EvaluationSettings(3, 30));

        Assert.Equal(new EvaluationSettings(3, 30), setup.Settings);
    }

    [Fact]
    public async Task Results_NeverCarryANameOrAUserId()
    {
        var (evaluation, civil, staff) = await EvaluationWith(3, 3, threshold: 3);
        await Answered(evaluation, EvaluationTimepoint.T0, [.. civil, .. staff], [(1, null), (2, null), (3, null), (4, null), (5, null), (0, null)]);

        var json = JsonSerializer.Serialize(await evaluation.GetResults(_mona)) + JsonSerializer.Serialize(await evaluation.GetSetup(_mona));

        Assert.All(civil.Concat(staff), p => Assert.DoesNotContain(p.UserId, json, StringComparison.Ordinal));
        Assert.All(civil.Concat(staff), p => Assert.DoesNotContain(p.DisplayName, json, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForgetMe_PersonDeletesTheirAccount_TheirAnswersLeaveEveryAggregate()
    {
        var (evaluation, civil, _) = await EvaluationWith(4, 0, threshold: 3);
        await Answered(evaluation, EvaluationTimepoint.T0, civil, [(5, null), (5, null), (5, null), (1, null)]);

        await Grains.GetGrain<IPersonEvaluationsGrain>(civil[3].UserId).ForgetMe(civil[3]);

        var figure = (await evaluation.GetResults(_mona)).Items[0].Groups.Single(g => g.Group == EvaluationGroup.Civil).T0;
        Assert.Equal((3, 5.0), (figure.N, figure.Mean));
        Assert.Equal(3, (await evaluation.GetSetup(_mona)).Respondents);
    }

    [Fact]
    public async Task ForgetMe_SomeoneElse_IsForbidden()
    {
        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => Grains.GetGrain<IPersonEvaluationsGrain>(_olga.UserId).ForgetMe(_stranger));

        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
    }

    [Fact]
    public async Task Calls_ByWhoeverMayNot_AreRefusedWithStableCodes()
    {
        var (evaluation, civil, _) = await EvaluationWith(1, 0, threshold: null);

        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<HubRefusedException>(() => evaluation.GetResults(_stranger))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => evaluation.GetResults(civil[0]))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => evaluation.GetSetup(_olga))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => evaluation.GetQuestionnaire(_mona))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() =>
            evaluation.SetTimepoint(civil[0], EvaluationTimepoint.T0, true))).Code);
        Assert.NotNull(await evaluation.GetResults(_olga));
        Assert.NotNull(await evaluation.GetResults(new Actor(NewActor("Admin").UserId, "Admin", IsPlatformAdmin: true)));
    }

    [Fact]
    public async Task Answer_BadInput_RefusedAndNothingStored()
    {
        var (evaluation, civil, _) = await EvaluationWith(1, 0, threshold: null);
        var person = civil[0];

        var closed = await Assert.ThrowsAsync<HubRefusedException>(() => evaluation.Answer(person, EvaluationTimepoint.T0, [new ItemAnswer("contact", 3, null)]));
        await Open(evaluation, EvaluationTimepoint.T0);
        var outOfScale = await Assert.ThrowsAsync<HubRefusedException>(() => evaluation.Answer(person, EvaluationTimepoint.T0, [new ItemAnswer("contact", 6, null)]));
        var unknown = await Assert.ThrowsAsync<HubRefusedException>(() => evaluation.Answer(person, EvaluationTimepoint.T0, [new ItemAnswer("nope", 3, null)]));
        var twice = await Assert.ThrowsAsync<HubRefusedException>(() =>
            evaluation.Answer(person, EvaluationTimepoint.T0, [new ItemAnswer("contact", 3, null), new ItemAnswer("contact", 4, null)]));
        await Open(evaluation, EvaluationTimepoint.T1);
        var noBefore = await Assert.ThrowsAsync<HubRefusedException>(() => evaluation.Answer(person, EvaluationTimepoint.T1, [new ItemAnswer("contact", 3, null)]));

        Assert.Equal(ErrorCodes.Conflict, closed.Code);
        Assert.All([outOfScale, unknown, twice, noBefore], r => Assert.Equal(ErrorCodes.Validation, r.Code));
        Assert.Equal(0, (await evaluation.GetSetup(_mona)).Respondents);
        Assert.Empty((await evaluation.GetQuestionnaire(person)).Answers);
    }

    [Fact]
    public async Task GetQuestionnaire_EachSide_GetsItsOwnMirroredWording()
    {
        var (evaluation, civil, staff) = await EvaluationWith(1, 1, threshold: null);
        await Open(evaluation, EvaluationTimepoint.T1);

        var volunteer = await evaluation.GetQuestionnaire(civil[0]);
        var employee = await evaluation.GetQuestionnaire(staff[0]);

        Assert.Equal((EvaluationTimepoint.T1, EvaluationGroup.Civil), (volunteer.Open!.Value, volunteer.Group));
        Assert.Contains("kommunen", volunteer.Items.Single(i => i.Id == "contact").TextDa, StringComparison.Ordinal);
        Assert.Contains("foreningen", employee.Items.Single(i => i.Id == "contact").TextDa, StringComparison.Ordinal);
        Assert.Equal(EvaluationGroup.Staff, employee.Group);
    }

    [Fact]
    public async Task AddItem_ModeratorsOwnItem_IsAskedAndAnsweredItemsCannotBeDropped()
    {
        var (evaluation, civil, _) = await EvaluationWith(1, 0, threshold: null);

        var setup = await evaluation.AddItem(_mona, new EvaluationItemDraft("Møder", "", "Jeg ved, hvornår kommunen holder møder.", "", "Jeg ved, hvornår foreningen holder møder.", ""));
        await Open(evaluation, EvaluationTimepoint.T0);
        var asked = await evaluation.GetQuestionnaire(civil[0]);
        await evaluation.Answer(civil[0], EvaluationTimepoint.T0, [new ItemAnswer("custom-1", 4, null)]);
        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => evaluation.ChooseItems(_mona, ["contact"]));

        Assert.Equal("custom-1", setup.Chosen[^1]);
        Assert.Equal("Jeg ved, hvornår kommunen holder møder.", asked.Items[^1].TextDa);
        Assert.Equal("Jeg ved, hvornår kommunen holder møder.", asked.Items[^1].TextEn);
        Assert.Equal(ErrorCodes.Conflict, refused.Code);
    }

    [Fact]
    public async Task FollowUp_ReminderTicksBeforeAndAfterTheDay_OpensT2OnlyWhenDue()
    {
        var (evaluation, _, _) = await EvaluationWith(1, 0, threshold: null);
        await Open(evaluation, EvaluationTimepoint.T1);
        await evaluation.SetTimepoint(_mona, EvaluationTimepoint.T1, false);
        var due = (await evaluation.GetSetup(_mona)).FollowUpDueAt!.Value;
        Assert.Equal(cluster.Clock.GetUtcNow().AddDays(90), due);

        cluster.Clock.Advance(TimeSpan.FromDays(89));
        var early = cluster.Clock.GetUtcNow();
        var looked = await WaitForSetup(evaluation, "a tick after the clock moved to day 89", s => s.FollowUpCheckedAt >= early);
        cluster.Clock.Advance(TimeSpan.FromDays(2));
        var opened = await WaitForSetup(evaluation, "T2 opened", s => s.Timepoints.Single(t => t.Timepoint == EvaluationTimepoint.T2).IsOpen);

        Assert.False(looked.Timepoints.Single(t => t.Timepoint == EvaluationTimepoint.T2).IsOpen);
        Assert.True(opened.Timepoints.Single(t => t.Timepoint == EvaluationTimepoint.T2).OpenedAt >= due);
        Assert.Null(opened.FollowUpDueAt);
    }

    [Fact]
    public async Task FollowUp_WholeClusterRestartsBeforeTheDay_ReminderStillOpensT2()
    {
        var (evaluation, civil, _) = await EvaluationWith(1, 0, threshold: null);
        var cohortId = evaluation.GetPrimaryKey();
        await Open(evaluation, EvaluationTimepoint.T1);
        await evaluation.SetTimepoint(_mona, EvaluationTimepoint.T1, false);

        await cluster.RestartAsync();
        cluster.Clock.Advance(TimeSpan.FromDays(91));
        var after = Grains.GetGrain<ICohortEvaluationGrain>(cohortId);

        // Only the stored reminder opens T2: activating the grain to look does not.
        var questionnaire = await Eventually.SucceedsAsync("T2 open after the restart", ReminderWait, async () =>
        {
            var q = await after.GetQuestionnaire(civil[0]);
            return q.Open == EvaluationTimepoint.T2 ? q : throw new InvalidOperationException($"open: {q.Open}");
        });
        Assert.Equal(EvaluationTimepoint.T2, questionnaire.Open);
    }

    private async Task<EvaluationSetup> WaitForSetup(ICohortEvaluationGrain evaluation, string what, Func<EvaluationSetup, bool> condition) =>
        await Eventually.SucceedsAsync(what, ReminderWait, async () =>
        {
            var setup = await evaluation.GetSetup(_mona);
            return condition(setup) ? setup : throw new InvalidOperationException($"{what}: not yet");
        });

    private Task Open(ICohortEvaluationGrain evaluation, EvaluationTimepoint timepoint) => evaluation.SetTimepoint(_mona, timepoint, true);

    /// <summary>Each person answers the first bank item ("contact"): the value now, and at T1 before.</summary>
    private async Task Answered(ICohortEvaluationGrain evaluation, EvaluationTimepoint timepoint, IReadOnlyList<Actor> people, (int Now, int? Before)[] values)
    {
        if ((await evaluation.GetSetup(_mona)).Timepoints.Single(t => t.Timepoint == timepoint).IsOpen is false)
        {
            await Open(evaluation, timepoint);
        }

        for (var i = 0; i < people.Count; i++)
        {
            await evaluation.Answer(people[i], timepoint, [new ItemAnswer("contact", values[i].Now, values[i].Before)]);
        }
    }

    /// <summary>A cohort moderated by Mona and observed by Olga, with volunteers and staff as participants.</summary>
    private async Task<(ICohortEvaluationGrain Evaluation, Actor[] Civil, Actor[] Staff)> EvaluationWith(int civil, int staff, int? threshold)
    {
        var id = Guid.NewGuid();
        var cohort = Grains.GetGrain<ICohortGrain>(id);
        await cohort.Create(_mona, new CohortDetails("Fælles forløb", "Frivilligcenter Testrup", null, null));
        var volunteers = Enumerable.Range(1, civil).Select(i => NewActor($"Frivillig {i}")).ToArray();
        var employees = Enumerable.Range(1, staff).Select(i => NewActor($"Medarbejder {i}")).ToArray();
        foreach (var (person, side) in volunteers.Select(p => (p, Side.VoluntaryOrganisation)).Concat(employees.Select(p => (p, Side.Municipality))))
        {
            await Enrol(cohort, person, CohortRole.Participant, side);
        }

        await Enrol(cohort, _olga, CohortRole.Observer, null);
        var evaluation = Grains.GetGrain<ICohortEvaluationGrain>(id);
        if (threshold is { } k)
        {
            await evaluation.SetSettings(_mona, new EvaluationSettings(k, EvaluationLimits.FollowUpDaysDefault));
        }

        return (evaluation, volunteers, employees);
    }

    private async Task Enrol(ICohortGrain cohort, Actor person, CohortRole role, Side? side)
    {
        var invite = await cohort.CreateInvite(_mona, new CohortInviteRequest(role, side, 1, 1));
        await Grains.GetGrain<ICohortInviteGrain>(IInviteGrain.Key(invite.Secret)).Accept(person);
    }

    private static Actor NewActor(string name) => new($"u{Guid.NewGuid():N}", name);
}

[Trait("Tier", "Fast")]
public sealed class CohortEvaluationGrainOnSqliteTests(SqliteEvaluationCluster cluster) : CohortEvaluationGrainTests<SqliteEvaluationCluster>(cluster);

public sealed class CohortEvaluationGrainOnPostgresTests(PostgresEvaluationCluster cluster) : CohortEvaluationGrainTests<PostgresEvaluationCluster>(cluster);
