using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.Contracts.Common;
using Hub.Tests.Boards;

namespace Hub.Tests.Partnerships;

/// <summary>
/// Bad input to the partnership endpoints on a real web node: missing, null or blank values and enum values
/// that are not exactly one name (numbers, names joined by commas) are answered 400 "validation" and change
/// nothing — never 500, never read as some other value.
/// </summary>
public sealed class PartnershipEndpointsTests(EmbeddedNode fixture) : IClassFixture<EmbeddedNode>
{
    private const string Details = """{"name":"Gåture","municipality":"Testrup Kommune"}""";

    [Theory]
    [InlineData("POST", "", """{"details":null,"creatorSide":"municipality"}""", "details")]
    [InlineData("POST", "", """{"creatorSide":"municipality"}""", "details")]
    [InlineData("POST", "", """{"details":{"name":null,"municipality":"Testrup"},"creatorSide":"municipality"}""", "name")]
    [InlineData("POST", "", """{"details":{"name":"  ","municipality":"Testrup"},"creatorSide":"municipality"}""", "name")]
    [InlineData("POST", "", """{"details":{"name":"Gåture","municipality":"Testrup","purpose":null},"creatorSide":"municipality"}""", "purpose")]
    [InlineData("POST", "", """{"details":{"name":"Gåture","municipality":"Testrup","parties":null},"creatorSide":"municipality"}""", "parties")]
    [InlineData("POST", "", """{"details":{"name":"Gåture","municipality":"Testrup","parties":[null]},"creatorSide":"municipality"}""", "parties")]
    [InlineData("POST", "", $$"""{"details":{{Details}},"creatorSide":"municipality, volunteerCentre"}""", "creatorSide")]
    [InlineData("POST", "", $$"""{"details":{{Details}},"creatorSide":"municipality,voluntaryOrganisation"}""", "creatorSide")]
    [InlineData("POST", "", $$"""{"details":{{Details}},"creatorSide":2}""", "creatorSide")]
    [InlineData("POST", "", $$"""{"details":{{Details}},"creatorSide":"2"}""", "creatorSide")]
    [InlineData("POST", "", $$"""{"details":{{Details}},"creatorSide":null}""", "creatorSide")]
    [InlineData("PUT", "/{id}", """{"details":null,"expectedVersion":null}""", "details")]
    [InlineData("PUT", "/{id}", """{"details":{"name":"Gåture","municipality":"Testrup","area":"other, health"}}""", "area")]
    [InlineData("PUT", "/{id}", """{"details":{"name":"Gåture","municipality":" "}}""", "municipality")]
    [InlineData("POST", "/{id}/boards", """{"name":null}""", "name")]
    [InlineData("POST", "/{id}/boards", """{"name":"   "}""", "name")]
    [InlineData("POST", "/{id}/boards", """{}""", "name")]
    [InlineData("PUT", "/{id}/members/{me}", """{"side":"municipality, volunteerCentre","role":"coordinator"}""", "side")]
    [InlineData("PUT", "/{id}/members/{me}", """{"side":"municipality","role":"member,coordinator"}""", "role")]
    [InlineData("PUT", "/{id}/members/{me}", """{"side":"municipality","role":1}""", "role")]
    [InlineData("POST", "/{id}/invites", """{"side":"municipality, volunteerCentre","role":"member","maxUses":1,"validDays":1}""", "side")]
    [InlineData("POST", "/{id}/invites", """{"side":"municipality","role":null,"maxUses":1,"validDays":1}""", "role")]
    public async Task Request_NullBlankOrNotOneEnumName_Is400ValidationWithTheFieldAndChangesNothing(string method, string path, string body, string field)
    {
        var person = await fixture.Node.SignUpAsync("Koordinator");
        var partnership = await person.CreatePartnershipAsync("Gåture");
        var url = "/api/partnerships" + path.Replace("{id}", partnership.Id.ToString(), StringComparison.Ordinal).Replace("{me}", person.Me.UserId, StringComparison.Ordinal);

        using var response = await person.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        });

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {problem}");
        Assert.Equal(ErrorCodes.Validation, problem.GetProperty("code").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString(), StringComparer.OrdinalIgnoreCase);
        var after = await person.Http.GetFromJsonAsync<JsonElement>($"/api/partnerships/{partnership.Id}");
        Assert.Equal(partnership.Version, after.GetProperty("version").GetInt32());
        Assert.Single(after.GetProperty("boards").EnumerateArray());
        Assert.Single(after.GetProperty("members").EnumerateArray());
    }
}
