using System.Data.Common;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Text;
using Hub.Grains.Live;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Boards;

/// <summary>The board grain on Orleans' test cluster with real storage, once on SQLite and once on PostgreSQL.</summary>
public abstract class BoardGrainTests<TCluster>(TCluster cluster) : IClassFixture<TCluster> where TCluster : GrainCluster
{
    private static readonly Actor Anna = new("anna", "Anna");
    private static readonly Actor Bo = new("bo", "Bo");
    private static readonly Actor Olga = new("olga", "Olga");
    private static readonly Actor Stranger = new("stranger", "Fremmed");
    private long _number;

    [Fact]
    public async Task Submit_EveryOpType_ChangesTheBoardAsSpecified()
    {
        var board = await NewBoard();

        await Applied(board, Anna, new RenameBoard("Sommerplan"));
        await Applied(board, Anna, new AddColumn("later", "Senere", 1));
        await Applied(board, Anna, new RenameColumn("later", "Til efteråret"));
        await Applied(board, Anna, new MoveColumn("later", 99));
        await Applied(board, Anna, new ArchiveColumn("done"));
        await Applied(board, Anna, new RestoreColumn("done"));
        await Applied(board, Anna, new ArchiveColumn("later"));
        await Applied(board, Anna, new AddCard("walk", "ideas", "Gåtur", null));
        await Applied(board, Anna, new AddCard("cafe", "ideas", "Café", 0));
        await Applied(board, Bo, new SetCardText("walk", CardTextField.Place, "Byparken"));
        await Applied(board, Bo, new SetCardText("walk", CardTextField.VolunteerTasks, "Går forrest"));
        await Applied(board, Anna, new SetCardText("walk", CardTextField.StaffTasks, "Inviterer borgere"));
        await Applied(board, Anna, new SetCardText("walk", CardTextField.Title, "Gåtur i parken"));
        var start = new DateTimeOffset(2027, 5, 4, 10, 0, 0, TimeSpan.FromHours(2));
        await Applied(board, Anna, new SetCardSchedule("walk", start, start.AddHours(2)));
        await Applied(board, Anna, new SetCardOwners("walk", ["anna", "bo", "anna"]));
        await Applied(board, Anna, new SetCardLabels("walk", ["udendørs", "bevægelse"]));
        await Applied(board, Bo, new MoveCard("walk", "planned", 0));
        await Applied(board, Bo, new AddChecklistItem("walk", "route", "Find rute"));
        await Applied(board, Bo, new UpdateChecklistItem("walk", "route", "Find en rute", true, "bo"));
        await Applied(board, Bo, new AddChecklistItem("walk", "coffee", "Kaffe"));
        await Applied(board, Bo, new RemoveChecklistItem("walk", "coffee"));
        await Applied(board, Bo, new AddComment("walk", "c1", "God idé"));
        await Applied(board, Bo, new EditComment("walk", "c1", "Rigtig god idé"));
        await Applied(board, Anna, new AddComment("walk", "c2", "Tak"));
        await Applied(board, Anna, new DeleteComment("walk", "c2"));
        await Applied(board, Anna, new ArchiveCard("cafe"));
        await Applied(board, Anna, new RestoreCard("cafe"));
        await Applied(board, Anna, new ArchiveCard("cafe"));

        var snapshot = await board.GetSnapshot(Anna);
        var b = snapshot.Board;
        Assert.Equal(28, snapshot.Seq);
        Assert.Equal("Sommerplan", b.Name);
        Assert.Equal(["ideas", "planned", "doing", "done", "later"], b.Columns.Select(c => c.Id));
        Assert.Equal("Til efteråret", b.Columns[4].Title);
        Assert.True(b.Columns[4].Archived);
        Assert.False(b.Columns[3].Archived);
        Assert.Equal(["cafe"], b.Columns[0].CardIds);
        Assert.Equal(["walk"], b.Columns[1].CardIds);
        var walk = b.Cards["walk"];
        Assert.Equal(("Gåtur i parken", "Byparken"), (walk.Title, walk.Place));
        Assert.Equal(("Går forrest", "Inviterer borgere"), (walk.VolunteerTasks, walk.StaffTasks));
        Assert.Equal((start, start.AddHours(2)), (walk.StartsAt!.Value, walk.EndsAt!.Value));
        Assert.Equal(["anna", "bo"], walk.OwnerIds);
        Assert.Equal(["udendørs", "bevægelse"], walk.Labels);
        Assert.Equal(new ChecklistItem("route", "Find en rute", true, "bo"), Assert.Single(walk.Checklist));
        var comment = Assert.Single(walk.Comments);
        Assert.Equal(("c1", "bo", "Rigtig god idé"), (comment.Id, comment.AuthorId, comment.Text));
        Assert.NotNull(comment.EditedAt);
        Assert.True(b.Cards["cafe"].Archived);
    }

    [Theory]
    [MemberData(nameof(RefusedOpNames))]
    public async Task Submit_InvalidOp_IsRefusedWithItsCodeAndChangesNothing(string name)
    {
        var (actorId, op, code) = RefusedOps[name];
        var board = await NewBoard();
        await Applied(board, Anna, new AddCard("walk", "ideas", "Gåtur", null));
        await Applied(board, Anna, new AddComment("walk", "c1", "Min kommentar"));
        var before = await board.GetSnapshot(Anna);
        var actor = new[] { Anna, Bo, Olga, Stranger }.Single(a => a.UserId == actorId);

        var result = await board.Submit(actor, NextId(), op);

        Assert.Null(result.Seq);
        Assert.Equal(code, result.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        var after = await board.GetSnapshot(Anna);
        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal(BoardTestKit.Describe(before.Board), BoardTestKit.Describe(after.Board));
    }

    /// <summary>Named cases, so a test's name says what it refuses (not a 20,000-character argument).</summary>
    private static readonly Dictionary<string, (string ActorId, BoardOp Op, string Code)> RefusedOps = new()
    {
        ["card in a column that does not exist"] = ("anna", new AddCard("other", "no-such-column", "Kort", null), ErrorCodes.NotFound),
        ["card id already taken"] = ("anna", new AddCard("walk", "ideas", "Samme id", null), ErrorCodes.Conflict),
        ["card id with forbidden characters"] = ("anna", new AddCard("bad id!", "ideas", "Kort", null), ErrorCodes.Validation),
        ["card id with a trailing line break"] = ("anna", new AddCard("walk2\n", "ideas", "Kort", null), ErrorCodes.Validation),
        ["blank title"] = ("anna", new AddCard("x", "ideas", "   ", null), ErrorCodes.Validation),
        ["title over the limit"] = ("anna", new AddCard("x", "ideas", new string('a', BoardLimits.CardTitleMax + 1), null), ErrorCodes.Limit),
        ["title with a line break"] = ("anna", new AddCard("x", "ideas", "Linje\nskift", null), ErrorCodes.Validation),
        ["place over the limit"] = ("anna", new SetCardText("walk", CardTextField.Place, new string('a', BoardLimits.PlaceMax + 1)), ErrorCodes.Limit),
        ["unknown text field"] = ("anna", new SetCardText("walk", (CardTextField)42, "x"), ErrorCodes.Validation),
        ["end before start"] = ("anna", new SetCardSchedule("walk", DateTimeOffset.UnixEpoch.AddDays(2), DateTimeOffset.UnixEpoch), ErrorCodes.Validation),
        ["owner who is not a member"] = ("anna", new SetCardOwners("walk", ["anna", "stranger"]), ErrorCodes.Validation),
        ["negative position"] = ("anna", new MoveCard("walk", "planned", -1), ErrorCodes.Validation),
        ["move of a card that does not exist"] = ("anna", new MoveCard("nope", "planned", 0), ErrorCodes.NotFound),
        ["checklist item that does not exist"] = ("anna", new UpdateChecklistItem("walk", "nope", "x", true, null), ErrorCodes.NotFound),
        ["editing someone else's comment"] = ("bo", new EditComment("walk", "c1", "Ikke min"), ErrorCodes.Forbidden),
        ["deleting someone else's comment"] = ("bo", new DeleteComment("walk", "c1"), ErrorCodes.Forbidden),
        ["forgetting a person, sent by a client"] = ("anna", new ForgetPerson("bo"), ErrorCodes.Forbidden),
        ["an observer adding a card"] = ("olga", new AddCard("x", "ideas", "Observatør", null), ErrorCodes.Forbidden),
        ["an outsider adding a card"] = ("stranger", new AddCard("x", "ideas", "Udefra", null), ErrorCodes.NotFound),
    };

    public static TheoryData<string> RefusedOpNames() => [.. RefusedOps.Keys];

    [Fact]
    public async Task Submit_SameOpIdAgain_IsAppliedOnceAndAnsweredWithTheSameSeq()
    {
        var board = await NewBoard();
        var id = NextId();

        var first = await board.Submit(Anna, id, new AddCard("walk", "ideas", "Gåtur", null));
        var again = await board.Submit(Anna, id, new AddCard("walk", "ideas", "Gåtur", null));

        Assert.Equal(first.Seq, again.Seq);
        Assert.True(again.Duplicate);
        var snapshot = await board.GetSnapshot(Anna);
        Assert.Equal(first.Seq, snapshot.Seq);
        Assert.Single(snapshot.Board.Cards);
    }

    [Fact]
    public async Task Submit_RetryAfterRestart_IsStillRecognised()
    {
        var board = await NewBoard();
        var id = NextId();
        var first = await board.Submit(Anna, id, new AddCard("walk", "ideas", "Gåtur", null));

        await cluster.RestartAsync();
        board = cluster.Grains.GetGrain<IBoardGrain>(board.GetPrimaryKey());
        var again = await board.Submit(Anna, id, new AddCard("walk", "ideas", "Gåtur", null));

        Assert.True(again.Duplicate);
        Assert.Equal(first.Seq, again.Seq);
        Assert.Equal(first.Seq, (await board.GetSnapshot(Anna)).Seq);
    }

    [Fact]
    public async Task Submit_TwoConcurrentMovesOfOneCard_TheLaterInGrainOrderWins()
    {
        var board = await NewBoard();
        await Applied(board, Anna, new AddCard("walk", "ideas", "Gåtur", null));

        var moves = await Task.WhenAll(
            board.Submit(Anna, OtherClient(), new MoveCard("walk", "planned", 0)),
            board.Submit(Bo, OtherClient(), new MoveCard("walk", "done", 0)));

        var later = moves[0].Seq > moves[1].Seq ? "planned" : "done";
        var snapshot = await board.GetSnapshot(Anna);
        Assert.Equal(later, snapshot.Board.Columns.Single(c => c.CardIds.Contains("walk")).Id);
        Assert.Single(snapshot.Board.Columns.SelectMany(c => c.CardIds));
    }

    [Fact]
    public async Task Sync_WithinTheWindow_ReturnsExactlyTheMissingOps()
    {
        var board = await NewBoard();
        for (var i = 0; i < 5; i++)
        {
            await Applied(board, Anna, new AddCard($"card{i}", "ideas", $"Kort {i}", null));
        }

        var sync = await board.Sync(Bo, 2);

        Assert.Null(sync.Snapshot);
        Assert.Equal([3L, 4L, 5L], sync.Ops.Select(o => o.Seq));
        Assert.Equal(5, sync.Seq);
    }

    [Fact]
    public async Task Sync_FromNothing_OrBeyondTheWindow_ReturnsASnapshot()
    {
        var board = await NewBoard();
        var ops = Enumerable.Range(0, LiveGrain<Board, BoardOp, BoardSnapshot>.WindowSize + 5)
            .Select(i => board.Submit(Anna, OtherClient(), new AddCard($"c{i}", "ideas", $"Kort {i}", null)));
        var results = await Task.WhenAll(ops);
        Assert.All(results, r => Assert.NotNull(r.Seq));

        var fromNothing = await board.Sync(Bo, 0);
        var tooOld = await board.Sync(Bo, 2);

        Assert.Equal(LiveGrain<Board, BoardOp, BoardSnapshot>.WindowSize + 5, fromNothing.Snapshot!.Board.Cards.Count);
        Assert.NotNull(tooOld.Snapshot);
        Assert.Equal(tooOld.Seq, tooOld.Snapshot.Seq);
        Assert.Empty(tooOld.Ops);
    }

    [Fact]
    public async Task Sync_WithASnapshot_TellsTheCallerTheLastOperationOfEachOfTheirClientsAndNoOneElses()
    {
        var board = await NewBoard();
        await Applied(board, Anna, new AddCard("walk", "ideas", "Gåtur", null));
        await board.Submit(Anna, new OpId("anna-tab", 1), new AddCard("cafe", "ideas", "Café", null));
        var refused = await board.Submit(Anna, new OpId("anna-tab", 2), new RenameColumn("nowhere", "Ingen"));
        await board.Submit(Bo, new OpId("bo-tab", 1), new AddCard("run", "ideas", "Løb", null));

        var snapshot = await board.Sync(Anna, 0);
        var ops = await board.Sync(Anna, 1);

        Assert.Equal(ErrorCodes.NotFound, refused.ErrorCode);
        Assert.Equal(3, snapshot.Seq);
        Assert.Equal([new ClientOutcome("anna-tab", 2, null), new ClientOutcome("test-client", 1, 1)], snapshot.Outcomes.OrderBy(o => o.ClientId, StringComparer.Ordinal));
        Assert.Null(ops.Snapshot);
        Assert.Empty(ops.Outcomes);
    }

    [Fact]
    public async Task Submit_ManyAtOnce_ShareStorageWrites()
    {
        var board = await NewBoard();
        var writesBefore = await StorageWritesOf(board);

        var results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => board.Submit(i % 2 == 0 ? Anna : Bo, OtherClient(), new AddCard($"c{i}", "ideas", $"Kort {i}", null))));

        var writes = await StorageWritesOf(board) - writesBefore;
        Assert.All(results, r => Assert.NotNull(r.Seq));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), results.Select(r => r.Seq!.Value).Order());
        Assert.InRange(writes, 1, 25);
    }

    [Fact]
    public async Task Board_AcrossARestartOfEverySilo_IsIntact()
    {
        var board = await NewBoard();
        await Applied(board, Anna, new AddCard("walk", "ideas", "Gåtur", null));
        await Applied(board, Bo, new SetCardText("walk", CardTextField.Place, "Byparken"));
        var before = await board.GetSnapshot(Anna);

        await cluster.RestartAsync();

        var after = await cluster.Grains.GetGrain<IBoardGrain>(board.GetPrimaryKey()).GetSnapshot(Anna);
        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal(BoardTestKit.Describe(before.Board), BoardTestKit.Describe(after.Board));
    }

    [Fact]
    public async Task Join_NonMember_IsRefusedAsNotFound()
    {
        var board = await NewBoard();

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => board.Join(Stranger, "conn-1", 0));

        Assert.Equal(ErrorCodes.NotFound, refused.Code);
    }

    [Fact]
    public async Task Search_AReaderAndAStranger_FindsMatchesForTheReaderOnlyAndNothingForTheStranger()
    {
        var board = await NewBoard();
        await Applied(board, Anna, new AddCard("walk", "ideas", "Gåtur i skoven", null));
        await Applied(board, Anna, new AddCard("cafe", "planned", "Café", null));
        await Applied(board, Bo, new SetCardText("cafe", CardTextField.Place, "Skovhuset"));
        await Applied(board, Anna, new AddCard("old", "ideas", "Gammel skovtur", null));
        await Applied(board, Anna, new ArchiveCard("old"));

        // Observers read, so they search; case is ignored; every card's text counts, archived ones are marked.
        var hits = await board.Search(Olga, "SKOV");

        Assert.Equal(["walk", "old", "cafe"], hits.Select(h => h.CardId));
        Assert.Equal(["Idéer", "Idéer", "Planlagt"], hits.Select(h => h.ColumnTitle));
        Assert.Equal([false, true, false], hits.Select(h => h.Archived));
        Assert.All(hits, h => Assert.Equal(board.GetPrimaryKey(), h.BoardId));
        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => board.Search(Stranger, "skov"));
        Assert.Equal(ErrorCodes.NotFound, refused.Code);
        var empty = await Assert.ThrowsAsync<HubRefusedException>(() => board.Search(Anna, "   "));
        Assert.Equal(ErrorCodes.Validation, empty.Code);
    }

    [Fact]
    public async Task History_AfterEdits_NewestFirstWithNamesAndOneLinePerRunOfTyping()
    {
        var board = await NewBoard();
        await Applied(board, Anna, new AddCard("walk", "ideas", "Gåtur", null));
        var seq = (await board.GetSnapshot(Bo)).Seq;
        await Applied(board, Bo, new EditCardDescription("walk", seq, new TextOp([TextComponent.InsertOf("Vi")])));
        await Applied(board, Bo, new EditCardDescription("walk", seq + 1, new TextOp([TextComponent.RetainOf(2), TextComponent.InsertOf(" går")])));
        await Applied(board, Anna, new MoveCard("walk", "planned", 0));

        var history = await board.History(Olga);

        Assert.Equal([nameof(MoveCard), nameof(EditCardDescription), nameof(AddCard)], history.Select(c => c.Op.GetType().Name));
        Assert.Equal(["Anna", "Bo", "Anna"], history.Select(c => c.ActorName));
        Assert.Equal(seq + 2, history[1].Seq);
        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => board.History(Stranger));
        Assert.Equal(ErrorCodes.NotFound, refused.Code);
    }

    [Fact]
    public async Task ApplyTemplate_NewBoard_NamesColumnsAddsCardsOnceAndRefusesABoardInUse()
    {
        var board = await NewBoard();

        await board.ApplyTemplate(Anna, BoardTemplates.VisitingFriend);
        await board.ApplyTemplate(Anna, BoardTemplates.VisitingFriend);

        var b = (await board.GetSnapshot(Anna)).Board;
        Assert.Equal(["Henvendelser", "Match", "Besøg i gang", "Afsluttet"], b.Columns.Select(c => c.Title));
        Assert.Equal("done", b.Columns[3].Id);
        Assert.Equal(4, b.Cards.Count);
        Assert.Equal("Anna", (await board.History(Anna))[0].ActorName);

        await Applied(board, Bo, new AddCard("mine", "ideas", "Eget kort", null));
        var inUse = await Assert.ThrowsAsync<HubRefusedException>(() => board.ApplyTemplate(Anna, BoardTemplates.VolunteerEvent));
        Assert.Equal(ErrorCodes.Conflict, inUse.Code);
        var unknown = await Assert.ThrowsAsync<HubRefusedException>(() => board.ApplyTemplate(Anna, "ukendt"));
        Assert.Equal(ErrorCodes.Validation, unknown.Code);
        var fresh = await NewBoard();
        var observer = await Assert.ThrowsAsync<HubRefusedException>(() => fresh.ApplyTemplate(Olga, BoardTemplates.VolunteerEvent));
        Assert.Equal(ErrorCodes.Forbidden, observer.Code);
    }

    private async Task<IBoardGrain> NewBoard()
    {
        var partnership = cluster.Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());
        var created = await partnership.Create(Anna, new PartnershipDetails { Name = "Samarbejde", Municipality = "Testrup" }, Side.Municipality);
        await partnership.PutMember(Anna, Bo.UserId, Bo.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);
        await partnership.PutMember(Anna, Olga.UserId, Olga.DisplayName, Side.VolunteerCentre, MemberRole.Observer);
        return cluster.Grains.GetGrain<IBoardGrain>(created.Boards[0].BoardId);
    }

    private async Task Applied(IBoardGrain board, Actor actor, BoardOp op)
    {
        var result = await board.Submit(actor, NextId(), op);
        Assert.True(result.Seq is not null, $"{op} was refused: {result.ErrorCode} {result.Error}");
    }

    /// <summary>One client numbers its operations and sends them in order (the protocol's rule).</summary>
    private OpId NextId() => new("test-client", Interlocked.Increment(ref _number));

    /// <summary>Operations sent at the same moment come from different clients (tabs), each with its first number.</summary>
    private static OpId OtherClient() => new($"tab-{Guid.NewGuid():N}", 1);

    /// <summary>Each storage write bumps the row's version: the row's version counts the writes.</summary>
    private async Task<long> StorageWritesOf(IBoardGrain board)
    {
        var key = board.GetPrimaryKey().ToByteArray();
        await using var connection = cluster.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM hub_grain_state WHERE state_name = 'board' AND grain_key_n0 = @n0 AND grain_key_n1 = @n1";
        Add(command, "n0", BitConverter.ToInt64(key, 0));
        Add(command, "n1", BitConverter.ToInt64(key, 8));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

[Trait("Tier", "Fast")]
public sealed class BoardGrainOnSqliteTests(SqliteGrainCluster cluster) : BoardGrainTests<SqliteGrainCluster>(cluster);

public sealed class BoardGrainOnPostgresTests(PostgresGrainCluster cluster) : BoardGrainTests<PostgresGrainCluster>(cluster);
