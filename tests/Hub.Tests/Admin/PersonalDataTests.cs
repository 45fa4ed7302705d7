using System.Text.Json.Nodes;
using Hub.Grains.Admin;

namespace Hub.Tests.Admin;

/// <summary>What the inspector masks in an export, and how it describes the changes a restore would make.</summary>
[Trait("Tier", "Fast")]
public sealed class PersonalDataTests
{
    [Fact]
    public void Mask_ABoardWithPeople_HidesNamesAndIdsAndKeepsTheContent()
    {
        var board = JsonNode.Parse("""
            {"id":"b1","name":"Aktivitetsplan","cards":{"walk":{"title":"Gåtur","createdBy":"u-anna","ownerIds":["u-anna","u-bo"],
             "comments":[{"id":"c1","authorId":"u-bo","authorName":"Bo Jensen","text":"Godt"}]}},"contactEmail":"bo@example.dk"}
            """);

        var masked = PersonalData.Mask(board, "partnership:1")!.ToJsonString();

        Assert.DoesNotContain("Bo Jensen", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("u-anna", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("u-bo", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("bo@example.dk", masked, StringComparison.Ordinal);
        Assert.Contains("Aktivitetsplan", masked, StringComparison.Ordinal);
        Assert.Contains("Godt", masked, StringComparison.Ordinal);
        Assert.Contains(PersonalData.Pseudonym("partnership:1", "u-anna"), masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Pseudonym_SamePersonInTwoScopes_DiffersButIsStableWithinOne()
    {
        Assert.Equal(PersonalData.Pseudonym("partnership:1", "u-anna"), PersonalData.Pseudonym("partnership:1", "u-anna"));
        Assert.NotEqual(PersonalData.Pseudonym("partnership:1", "u-anna"), PersonalData.Pseudonym("partnership:2", "u-anna"));
        Assert.Matches("^P-[0-9a-f]{8}$", PersonalData.Pseudonym("partnership:1", "u-anna"));
    }

    [Fact]
    public void Diff_ChangedAddedAndRemovedFields_NamesEachPath()
    {
        var before = JsonNode.Parse("""{"name":"A","cards":{"x":{"title":"X"}},"columns":[1,2]}""");
        var after = JsonNode.Parse("""{"name":"B","cards":{"y":{"title":"Y"}},"columns":[1]}""");

        var diff = PersonalData.Diff(7, before, after);

        Assert.Equal(7, diff.CurrentSeq);
        Assert.False(diff.More);
        Assert.Equal(["/name", "/cards/x", "/cards/y", "/columns/1"], diff.Changes.Select(c => c.Path));
        Assert.Equal(("\"A\"", "\"B\""), (diff.Changes[0].Before, diff.Changes[0].After));
        Assert.Null(diff.Changes[1].After);
        Assert.Null(diff.Changes[2].Before);
    }
}
