using System.Globalization;
using System.Text.RegularExpressions;
using CreateOs.Core.Gateway;
using CreateOs.Core.Models;
using Newtonsoft.Json;

namespace CreateOs.Core.Tests.Models;

/// <summary>
/// The properties the default views read (instead of PowerShell script blocks): the same text the views' scripts
/// produced, case by case, in the culture PowerShell used for each (current for -f and the formatter, invariant for "$x").
/// </summary>
public class DisplayPropertyTests
{
    /// <summary>Sets the current culture of this thread until disposed.</summary>
    internal sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _previous = CultureInfo.CurrentCulture;

        public CultureScope(string name) => CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentCulture = _previous;
    }

    [Theory]
    [InlineData("0xabc", "Transfer", "ready", "p1", "usdc on arbitrum")]      // a transfer paid
    [InlineData(null, "Mpp", "ready", "p2", "usdc on arbitrum")]             // a signed authorization paid; the gateway named no tx
    [InlineData("0xabc", "X402", "not paid", "p3", "usdc on arbitrum")]      // a tx is proof of payment whatever the status says
    [InlineData(null, "X402", "not paid", "p4", "not paid")]                 // an authorization the gateway did not settle
    [InlineData(null, "X402", "NOT PAID", "p5", "not paid")]                 // the status compared as PowerShell's -ne did: ignoring case
    [InlineData(null, "X402", "not paid", null, "credits")]
    [InlineData(null, null, "accepted", "p6", "not paid")]                   // journaled, nothing paid
    [InlineData(null, null, "ready", null, "credits")]                       // existing credits paid
    [InlineData("", "", "", "", "credits")]                                  // empty is not a payment
    [InlineData(null, "Mpp", null, "p7", "usdc on arbitrum")]
    public void A_deploy_result_says_what_paid_for_it(string? paymentTx, string? protocol, string? status, string? paymentId, string expected)
    {
        var result = new MppDeployResult { Status = status!, PaymentTx = paymentTx, PaymentProtocol = protocol, PaymentId = paymentId, Token = "usdc", Chain = "arbitrum" };
        Assert.Equal(expected, result.PaidWith);
    }

    [Fact]
    public void A_paid_deploy_without_token_or_chain_reads_as_on_between_blanks()
    {
        Assert.Equal(" on ", new MppDeployResult { PaymentTx = "0xdef" }.PaidWith);
        Assert.Equal("usdt on base", new PaymentRecord { Token = "usdt", Chain = "base" }.PaidWith);
        Assert.Equal(" on ", new PaymentRecord().PaidWith);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(0L, null)]                                  // 0 was falsy in the view
    [InlineData(1767225600L, "2026-01-01 00:00:00Z")]
    [InlineData(-5L, "1969-12-31 23:59:55Z")]
    [InlineData(253402300799L, "9999-12-31 23:59:59Z")]
    [InlineData(253402300800L, null)]                       // beyond year 9999: nothing instead of an exception
    [InlineData(long.MinValue, null)]
    public void A_payment_record_shows_when_its_authorization_expires_in_UTC(long? validBefore, string? expected)
    {
        using var _ = new CultureScope("ar-SA");            // "u" is culture-invariant, even under another calendar
        Assert.Equal(expected, new PaymentRecord { ValidBefore = validBefore }.AuthorizationValidBefore);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef01234567", "0123456")]
    [InlineData("abcdefg", "abcdefg")]
    [InlineData("abc", "abc")]
    [InlineData("", "")]
    public void A_branch_shows_its_commit_shortened_to_seven_characters(string sha, string expected) =>
        Assert.Equal(expected, new GitHubBranch { Commit = new GitHubCommit { Sha = sha } }.ShortCommit);

    [Fact]
    public void A_branch_without_a_commit_or_sha_shows_none()
    {
        Assert.Null(new GitHubBranch().ShortCommit);
        Assert.Null(new GitHubBranch { Commit = new GitHubCommit { Sha = null! } }.ShortCommit);
    }

    [Fact]
    public void Environment_resources_read_as_millicores_megabytes_and_replicas_in_the_invariant_culture()
    {
        Assert.Equal("200m 512MB x1", new ProjectEnvironment { Resources = new EnvironmentResources { Cpu = 200, Memory = 512, Replicas = 1 } }.ResourceSummary);
        Assert.Equal("m MB x", new ProjectEnvironment { Resources = null! }.ResourceSummary);
        using var _ = new CultureScope("sv-SE");            // whose minus sign is U+2212; "$x" used the ASCII one
        Assert.Equal("-5m -1024MB x-1", new ProjectEnvironment { Resources = new EnvironmentResources { Cpu = -5, Memory = -1024, Replicas = -1 } }.ResourceSummary);
    }

    [Fact]
    public void A_domain_lists_its_records_by_type_and_name()
    {
        var domain = JsonConvert.DeserializeObject<Domain>("""{"id":"d1","name":"a.example.com","records":{"txt_records":[{"name":"_verify","value":"x"}],"a_records":[{"name":"@","value":"1.2.3.4"},{"name":"www","value":"1.2.3.4"}]}}""")!;
        Assert.Equal("TXT _verify; A @; A www", domain.RecordSummary);
        Assert.Equal("CNAME ", JsonConvert.DeserializeObject<Domain>("""{"records":{"cname":{"value":"target"}}}""")!.RecordSummary);
        Assert.Equal("", new Domain().RecordSummary);
    }

    [Theory]
    [InlineData("skp_plain", "skp_plain")]
    [InlineData(null, "(SecureString: .Secret)")]
    [InlineData("", "(SecureString: .Secret)")]
    public void A_new_key_shows_its_plain_text_secret_only_when_asked_for(string? plainText, string expected) =>
        Assert.Equal(expected, new NewApiKey { PlainTextSecret = plainText }.SecretShown);

    [Fact]
    public void The_session_shows_its_payment_cap_in_the_current_culture_or_the_safe_default()
    {
        Assert.Equal("5 (default)", new CreateOsSession().MaxPaymentUsdShown);
        using var _ = new CultureScope("de-DE");
        Assert.Equal("2,50", new CreateOsSession { MaxPaymentUsd = 2.50m }.MaxPaymentUsdShown);
        Assert.Equal("5 (default)", new CreateOsSession().MaxPaymentUsdShown);
    }

    [Fact]
    public void Lists_read_comma_separated_and_empty_or_missing_lists_read_empty()
    {
        Assert.Equal("node:20, node:22", new SupportedProjectType { Runtimes = new() { "node:20", "node:22" } }.RuntimeList);
        Assert.Equal("a, , b", new SupportedProjectType { Runtimes = new() { "a", null!, "b" } }.RuntimeList);
        Assert.Equal("", new SupportedProjectType { Runtimes = null! }.RuntimeList);
        Assert.Equal("usdc, usdt", new MppChain { Tokens = new() { "usdc", "usdt" } }.TokenList);
        Assert.Equal("", new MppChain { Tokens = new() }.TokenList);
        Assert.Equal("", new MppChain { Tokens = null! }.TokenList);
        Assert.Equal("api, express", new ProjectTemplate { Categories = new() { "api", "express" } }.CategoryList);
        Assert.Equal("", new ProjectTemplate { Categories = null! }.CategoryList);
    }

    [Fact]
    public void A_supported_type_lists_the_names_of_its_editable_settings_or_none()
    {
        var express = JsonConvert.DeserializeObject<SupportedProjectType>("""{"name":"Express","editables":{"port":{"type":"number"},"buildCommand":{"type":"string"}}}""")!;
        Assert.Equal("port, buildCommand", express.EditableList);
        Assert.Equal("", new SupportedProjectType { Editables = new() }.EditableList);
        Assert.Null(new SupportedProjectType().EditableList);
    }

    [Fact]
    public void Analytics_show_total_requests_peak_rate_and_top_path_or_nothing()
    {
        var full = new AnalyticsSummary
        {
            OverallRequests = new OverallRequests { Total = 12345 }, Rpm = new RequestsPerMinute { Peak = 2.5 },
            TopHitPaths = new() { new PathHits { Path = "/", Count = 5 }, new PathHits { Path = "/x", Count = 2 } },
        };
        Assert.Equal(12345L, full.TotalRequests);
        Assert.Equal(2.5, full.PeakRpm);
        Assert.Equal("/", full.TopHitPath);
        var empty = new AnalyticsSummary();
        Assert.Null(empty.TotalRequests);
        Assert.Null(empty.PeakRpm);
        Assert.Null(empty.TopHitPath);
        Assert.Null(new AnalyticsSummary { TopHitPaths = null! }.TopHitPath);
        Assert.Null(new AnalyticsSummary { TopHitPaths = new() { null! } }.TopHitPath);
    }

    [Theory]
    [InlineData(true, "success")]
    [InlineData(false, "failed")]
    [InlineData(null, "")]
    public void A_cronjob_run_shows_its_outcome(bool? success, string expected) =>
        Assert.Equal(expected, new CronjobActivity { Success = success }.Outcome);

    [Fact]
    public void Times_show_in_local_time_to_the_minute_in_the_current_culture_and_none_reads_empty()
    {
        var at = new DateTimeOffset(2026, 3, 1, 10, 15, 42, TimeSpan.Zero);
        var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local);
        var expected = $"{local.Year:D4}-{local.Month:D2}-{local.Day:D2} {local.Hour:D2}:{local.Minute:D2}";
        Assert.Equal(expected, new CronjobActivity { ScheduledAt = at }.ScheduledAtShown);
        Assert.Equal(expected, new TemplateRejection { CreatedAt = at }.CreatedAtShown);
        Assert.Equal(expected, new TemplatePurchase { CreatedAt = at }.CreatedAtShown);
        Assert.Null(new CronjobActivity().ScheduledAtShown);
        Assert.Null(new TemplateRejection().CreatedAtShown);
        Assert.Null(new TemplatePurchase().CreatedAtShown);

        using (new CultureScope("th-TH"))                    // the culture's calendar, as ToString('yyyy-MM-dd HH:mm') in the view did
            Assert.Matches(new Regex($"^{local.Year + 543}-"), new CronjobActivity { ScheduledAt = at }.ScheduledAtShown!);
        using (new CultureScope("ar-SA"))                    // a date the Umm al-Qura calendar cannot write: nothing, not an exception
            Assert.Null(new CronjobActivity { ScheduledAt = DateTimeOffset.MinValue }.ScheduledAtShown);
    }

    [Fact]
    public void A_template_count_shows_its_name_or_all_and_each_category_with_its_count()
    {
        var all = new TemplateCount { Categories = new[] { new TemplateCategoryCount { Name = "api", Count = 3 }, new TemplateCategoryCount { Name = "web", Count = 1 } } };
        Assert.Equal("(all)", all.NameShown);
        Assert.Equal("api (3), web (1)", all.CategorySummary);
        Assert.Equal("(all)", new TemplateCount { Name = "" }.NameShown);
        Assert.Equal("starter", new TemplateCount { Name = "starter" }.NameShown);
        Assert.Equal("", new TemplateCount().CategorySummary);
        // What the view's pipeline made of a missing list or entry (PowerShell pipes $null once).
        Assert.Equal(" (0)", new TemplateCount { Categories = null! }.CategorySummary);
        Assert.Equal(" (0), x (2)", new TemplateCount { Categories = new[] { null!, new TemplateCategoryCount { Name = "x", Count = 2 } } }.CategorySummary);
    }
}
