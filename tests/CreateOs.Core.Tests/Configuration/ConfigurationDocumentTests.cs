using CreateOs.Core.Api;
using CreateOs.Core.Configuration;
using CreateOs.Core.Validation;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Tests.Configuration;

/// <summary>Reading, checking and writing configuration files, and the rules of cron schedules and secret detection.</summary>
public class ConfigurationDocumentTests
{
    private static Dictionary<string, object?> Table(params (string Key, object? Value)[] entries)
    {
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entries) table[key] = value;
        return table;
    }

    private static List<object?> List(params object?[] items) => items.ToList();

    private static Dictionary<string, object?> Project(params (string Key, object? Value)[] extra) =>
        Table(new (string, object?)[] { ("UniqueName", "shop-app") }.Concat(extra).ToArray());

    private static FleetConfiguration Read(params Dictionary<string, object?>[] projects) =>
        ConfigurationReader.Read(Table(("Version", 1), ("Projects", List(projects.Cast<object?>().ToArray()))));

    public static FleetConfiguration Everything() => Read(Project(
        ("Id", "9b3c7c2e-0d7e-4c1a-9a55-1e1f3a0c2b11"), ("DisplayName", "Shop App"), ("Description", "The shop, with 'quotes' and ‘smart’ ones"),
        ("Type", "vcs"), ("EnabledSecurityScan", true),
        ("Source", Table(("VcsInstallationId", 12345678L), ("VcsRepoId", "987"))),
        ("Settings", Table(("Runtime", "node:20"), ("Port", 3000), ("RunEnvs", Table(("NODE_ENV", "production"), ("DB_PASSWORD", Table(("Secret", "db"), ("Vault", "ops"))))), ("IgnoreBranches", List("wip", "tmp")))),
        ("Environments", List(
            Table(("UniqueName", "production"), ("Branch", "main"), ("AutoPromote", true), ("Resources", Table(("Cpu", 300), ("Memory", 1024), ("Replicas", 2))),
                ("Variables", Table(("LOG_LEVEL", "info"), ("PORT", 8080), ("API_TOKEN", Table(("EnvironmentVariable", "SHOP_API_TOKEN")))))),
            Table(("UniqueName", "staging"), ("Branch", "develop")))),
        ("Domains", List(Table(("Name", "Shop.Example.com"), ("Environment", "production")), Table(("Name", "old.example.com"), ("Environment", null)))),
        ("Cronjobs", List(Table(("Name", "health"), ("Environment", "production"), ("Schedule", "*/5 * * * *"), ("Path", "/health"), ("Method", "get"),
            ("Headers", Table(("Authorization", Table(("Secret", "health-auth"))))), ("Body", "{}"), ("TimeoutSec", 5), ("Suspended", false))))));

    [Fact]
    public void A_full_configuration_is_read_with_its_secret_references_and_normalised_names()
    {
        var project = Everything().Projects.Single();
        Assert.Equal("12345678", project.VcsInstallationId);
        Assert.Equal(3000, project.Settings!["port"]);
        Assert.Equal(new[] { "wip", "tmp" }, (List<string>)project.Settings["ignoreBranches"]!);
        var production = project.Environments[0];
        Assert.Equal(("8080", 1024), (production.Variables!["PORT"].Literal, production.Memory!.Value));
        Assert.Equal("SHOP_API_TOKEN", production.Variables["API_TOKEN"].Reference!.EnvironmentVariable);
        Assert.Equal("shop.example.com", project.Domains[0].Name);
        Assert.True(project.Domains[1].ManagesEnvironment);
        Assert.Null(project.Domains[1].Environment);
        Assert.Equal("GET", project.Cronjobs[0].Method);
        Assert.Equal(new[] { new SecretReference(null, null, "SHOP_API_TOKEN"), new SecretReference("db", "ops", null), new SecretReference("health-auth", null, null) },
            Everything().SecretReferences().OrderBy(r => r.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public void Json_written_and_read_back_is_the_same_document()
    {
        var json = ConfigurationWriter.ToJson(Everything());
        Assert.Equal(json, ConfigurationWriter.ToJson(ConfigurationReader.FromJson(json)));
        Assert.Contains("\"Secret\": \"health-auth\"", json);
    }

    [Fact]
    public void The_data_file_is_only_literals_tables_and_lists_with_every_quote_character_doubled()
    {
        var text = ConfigurationWriter.ToPsd1(Everything(), new[] { "a comment" });
        Assert.StartsWith("# a comment\n@{\n    Version = 1\n", text);
        Assert.Contains("Description = 'The shop, with ''quotes'' and ‘‘smart’’ ones'", text);
        Assert.Contains("EnabledSecurityScan = $true", text);
        Assert.Contains("Environment = $null", text);
        Assert.Contains("IgnoreBranches = @(\n                    'wip'\n                    'tmp'\n                )", text);
        Assert.Contains("Headers = @{\n                        Authorization = @{\n                            Secret = 'health-auth'\n", text);
        Assert.DoesNotContain("$(", text);
        Assert.Equal("'it''s'", ConfigurationWriter.Quote("it's"));
        Assert.Equal("'a\u201B\u201Bb\u201A\u201A'", ConfigurationWriter.Quote("a\u201Bb\u201A"));
    }

    [Theory]
    [InlineData("Projects[0]: unknown key 'Enviroments'", "Enviroments", "x")]
    [InlineData("Projects[0].Environments[0]: Cpu must be between 200 and 500", "Environments", "cpu")]
    [InlineData("Projects[0].Environments", "Environments", "twice")]
    [InlineData("Projects[0].Domains[0].Environment", "Domains", "env")]
    [InlineData("Projects[0].Cronjobs", "Cronjobs", "five")]
    [InlineData("Projects[0].Cronjobs[0]", "Cronjobs", "schedule")]
    [InlineData("Projects[0].Environments[0].Variables.KEY", "Environments", "null")]
    [InlineData("Projects[0].Settings: unknown key 'Prot'", "Settings", "typo")]
    public void Every_mistake_is_reported_with_where_it_is(string location, string key, string kind)
    {
        object? value = (key, kind) switch
        {
            ("Enviroments", _) => List(),
            ("Environments", "cpu") => List(Table(("UniqueName", "production"), ("Resources", Table(("Cpu", 900))))),
            ("Environments", "twice") => List(Table(("UniqueName", "prod")), Table(("UniqueName", "PROD"))),
            ("Environments", "null") => List(Table(("UniqueName", "prod"), ("Variables", Table(("KEY", null))))),
            ("Domains", _) => List(Table(("Name", "a.example.com"), ("Environment", "nowhere"))),
            ("Cronjobs", "five") => List(Enumerable.Range(1, 5).Select(i => (object?)Table(("Name", $"j{i}"), ("Environment", "e"), ("Schedule", "@daily"), ("Path", "/"))).ToArray()),
            ("Cronjobs", _) => List(Table(("Name", "j"), ("Environment", "prod"), ("Schedule", "* * *"), ("Path", "/"))),
            ("Settings", _) => Table(("Prot", 80)),
            _ => throw new ArgumentException(kind),
        };
        var entries = new List<(string Key, object? Value)> { (key, value) };
        if (key == "Cronjobs" && kind == "schedule") entries.Add(("Environments", List(Table(("UniqueName", "prod")))));
        var error = Assert.Throws<ConfigurationException>(() => Read(Project(entries.ToArray())));
        Assert.StartsWith(location, error.Message);
    }

    [Fact]
    public void A_wrong_type_names_its_place_but_never_echoes_text()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(Project(("Environments", List(Table(("UniqueName", "prod"), ("Variables", "sk_live_secret_in_the_wrong_place")))))));
        Assert.Equal("Projects[0].Environments[0].Variables", error.Location);
        Assert.DoesNotContain("sk_live", error.Message);
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("0 0 1 JAN,JUL *")]
    [InlineData("15 9-17/2 * * MON-FRI")]
    [InlineData("0 0 * * 7")]
    [InlineData("@daily")]
    [InlineData("  30   4 * * ?  ")]
    public void Valid_schedules_pass(string schedule) => CronSchedule.Validate("Schedule", schedule);

    [Theory]
    [InlineData("", "required")]
    [InlineData("* * * *", "has 4 fields")]
    [InlineData("60 * * * *", "minute")]
    [InlineData("* 24 * * *", "hour")]
    [InlineData("* * 0 * *", "day of month")]
    [InlineData("* * * FOO *", "month")]
    [InlineData("* * * * 8", "day of week")]
    [InlineData("5-1 * * * *", "backwards")]
    [InlineData("*/0 * * * *", "step")]
    [InlineData("@every5m", "macro")]
    [InlineData("1,,2 * * * *", "empty")]
    public void Invalid_schedules_say_which_field_is_wrong(string schedule, string reason)
    {
        var error = Assert.Throws<ValidationException>(() => CronSchedule.Validate("Schedule", schedule));
        Assert.Contains(reason, error.Message);
        Assert.Throws<ValidationException>(() => CronSchedule.Validate("Schedule", new string('*', 257)));
    }

    [Theory]
    [InlineData("DB_PASSWORD", "hunter2", true)]
    [InlineData("apiKey", "x", true)]
    [InlineData("GITHUB_TOKEN", "x", true)]
    [InlineData("DATABASE_URL", "postgres://app:s3cret@db:5432/app", true)]
    [InlineData("UPSTREAM", "sk_live_abc123", true)]
    [InlineData("SIGNER", "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", true)]
    [InlineData("SESSION_BLOB", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc", true)]
    [InlineData("OPAQUE", "q7Xf9LmZ2pR4vT8kW1nB6cJ3", true)]
    [InlineData("LOG_LEVEL", "info", false)]
    [InlineData("NODE_ENV", "production", false)]
    [InlineData("API_URL", "https://api.example.com/v1/orders", false)]
    [InlineData("PORT", "8080", false)]
    [InlineData("GREETING", "hello world, this is a long sentence", false)]
    public void Secrets_are_recognised_by_name_or_by_look(string name, string value, bool secret) =>
        Assert.Equal(secret, new SecretPolicy().IsSecret(name, value));

    [Fact]
    public void Explicit_choices_win_over_the_guess()
    {
        var policy = new SecretPolicy { AlwaysSecret = n => n == "REGION", NeverSecret = n => n == "TOKEN_LIMIT" };
        Assert.True(policy.IsSecret("REGION", "eu"));
        Assert.False(policy.IsSecret("TOKEN_LIMIT", "100"));
        Assert.Equal(new SecretReference("createos-shop-app-production-API_TOKEN", null, "CREATEOS_SHOP_APP_PRODUCTION_API_TOKEN"), SecretPolicy.ReferenceFor("shop-app", "production", "API_TOKEN"));
    }

    [Fact]
    public void Template_counts_are_read_from_every_shape_the_api_may_send()
    {
        Assert.Equal(7, TemplatesApi.ReadCounts(new JValue(7), null).Total);
        var list = TemplatesApi.ReadCounts(JObject.Parse("""{"total":3,"categories":[{"name":"web","count":2},{"category":"ai","count":1}]}"""), "x");
        Assert.Equal((3, "x"), (list.Total, list.Name));
        Assert.Equal(new[] { "web:2", "ai:1" }, list.Categories.Select(c => $"{c.Name}:{c.Count}"));
        var map = TemplatesApi.ReadCounts(JObject.Parse("""{"categories":{"web":4,"ai":1}}"""), null);
        Assert.Equal(5, map.Total);
    }
}
