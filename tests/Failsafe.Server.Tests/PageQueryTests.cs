using System.Net;
using System.Net.Http.Json;

namespace Failsafe.Server.Tests;

/// <summary>
/// A page's query text that is not what it expects (a hand-edited or truncated link) is named or passed over, never a
/// 500: each page reads its query as text and says what is wrong with it.
/// </summary>
public sealed class PageQueryTests
{
    [Theory]
    [InlineData("/signin?confirmed=junk", HttpStatusCode.OK, "Sign in")]
    [InlineData("/history?edit=junk", HttpStatusCode.BadRequest, "edit: &#x27;junk&#x27; is not a set&#x27;s id")]
    [InlineData("/history?edit=99999999999999999999", HttpStatusCode.BadRequest, "edit: &#x27;99999999999999999999&#x27; is not a set&#x27;s id")]
    [InlineData("/athletes?page=junk", HttpStatusCode.OK, "Athletes")]
    [InlineData("/athletes?page=-5", HttpStatusCode.OK, "Athletes")]
    public async Task A_query_a_page_cannot_read_is_named_or_passed_over(string path, HttpStatusCode status, string shown)
    {
        using var server = new ServerFactory(Provider.Sqlite);
        var ann = await server.SignUp();
        using var browser = server.CreateClient();
        (await browser.PostAsJsonAsync("/account/login?useCookies=true", new { email = ann.Email, password = ann.Password }, Api.Cancel)).EnsureSuccessStatusCode();
        using var page = await browser.GetAsync(path, Api.Cancel);
        var html = await page.Content.ReadAsStringAsync(Api.Cancel);
        page.StatusCode.ShouldBe(status, html.Length > 300 ? html[..300] : html);
        html.ShouldContain(shown);
    }
}
