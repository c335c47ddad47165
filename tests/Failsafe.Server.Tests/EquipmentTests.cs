using System.Net;
using System.Net.Http.Json;

namespace Failsafe.Server.Tests;

/// <summary>The lifter's equipment on PUT /api/profile: stored, shown, and bad values refused by name.</summary>
public sealed class EquipmentTests(Servers servers) : IClassFixture<Servers>
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Equipment_is_kept_and_rounds_the_dumbbells(Provider provider)
    {
        var ann = await servers.For(provider).SignUp();
        var equipment = new { unit = "kg", dumbbells = new object[] { "2-10:2", "12.5-30:2.5" }, microPlates = new[] { 0.5 } };

        using var put = await ann.Client.PutAsJsonAsync("/api/profile", new { equipment }, Api.Cancel);

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await (await ann.Client.GetAsync("/api/profile", Api.Cancel)).Json();
        var gear = view.GetProperty("equipment");
        gear.GetProperty("dumbbells").EnumerateArray().Select(d => d.GetDouble()).ShouldContain(22.5);
        gear.GetProperty("microPlates")[0].GetDouble().ShouldBe(0.5);
        gear.GetProperty("bar").GetDouble().ShouldBe(20);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_bad_plate_is_refused_naming_it(Provider provider)
    {
        var ann = await servers.For(provider).SignUp();

        using var put = await ann.Client.PutAsJsonAsync("/api/profile", new { equipment = new { plates = new[] { 20, -2.5 } } }, Api.Cancel);

        var problem = await put.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("equipment")[0].GetString()!.ShouldContain("-2.5");
    }
}
