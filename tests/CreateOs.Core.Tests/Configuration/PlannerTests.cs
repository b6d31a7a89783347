using CreateOs.Core.Configuration;
using CreateOs.Core.Models;

namespace CreateOs.Core.Tests.Configuration;

/// <summary>The plan: what differs between a file and a project's state, secrets masked, nothing removed without prune.</summary>
public class PlannerTests
{
    private const string Token = "sk_live_current_token_value";

    private static ProjectState State()
    {
        var project = new Project { Id = "p-1", UniqueName = "shop-app", DisplayName = "Shop App", Type = "image", Settings = new ProjectSettings { Port = 80 } };
        var production = new ProjectEnvironment
        {
            Id = "e-1", ProjectId = "p-1", UniqueName = "production", DisplayName = "production", Description = "production environment",
            Resources = new EnvironmentResources { Cpu = 200, Memory = 500, Replicas = 1 },
            Settings = new EnvironmentSettings { RunEnvs = new Dictionary<string, string> { ["LOG_LEVEL"] = "info", ["API_TOKEN"] = Token, ["OLD"] = "1" } },
        };
        var domain = new Domain { Id = "d-1", Name = "shop.example.com", ProjectId = "p-1", EnvironmentId = "e-1", Status = "active" };
        var cronjob = new Cronjob
        {
            Id = "c-1", ProjectId = "p-1", EnvironmentId = "e-1", Name = "health", Schedule = "*/5  * * * *", Type = "http", Status = "active",
            Settings = new CronjobSettings { Path = "/health", Method = "GET", Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer abc" } },
        };
        var stray = new Cronjob { Id = "c-2", ProjectId = "p-1", EnvironmentId = "e-1", Name = "stray", Schedule = "@daily", Type = "http", Status = "active" };
        return new ProjectState(project, new[] { production }, new[] { domain }, new[] { cronjob, stray });
    }

    private static ProjectConfiguration Desired(Action<ProjectConfiguration>? change = null)
    {
        var desired = new ProjectConfiguration
        {
            UniqueName = "shop-app",
            Settings = new SortedDictionary<string, object?> { ["port"] = 80 },
            Environments =
            {
                new EnvironmentConfiguration
                {
                    UniqueName = "production", Cpu = 200, Memory = 500, Replicas = 1,
                    Variables = new SortedDictionary<string, ConfigValue>
                    {
                        ["LOG_LEVEL"] = ConfigValue.Of("info"),
                        ["API_TOKEN"] = ConfigValue.Of(new SecretReference("token", null, null)),
                    },
                },
            },
            Domains = { new DomainConfiguration { Name = "shop.example.com", ManagesEnvironment = true, Environment = "production" } },
            Cronjobs =
            {
                new CronjobConfiguration
                {
                    Name = "health", Environment = "production", Schedule = "*/5 * * * *", Path = "/health", Method = "GET",
                    Headers = new SortedDictionary<string, ConfigValue> { ["Authorization"] = ConfigValue.Of(new SecretReference(null, null, "AUTH")) },
                },
            },
        };
        change?.Invoke(desired);
        return desired;
    }

    private static ProjectPlan Plan(ProjectConfiguration desired, bool prune = false, string? token = Token, string? auth = "Bearer abc") =>
        new ConfigurationPlanner(new SecretPolicy(), r => r.Secret == "token" ? token : r.EnvironmentVariable == "AUTH" ? auth : null, prune).Plan(desired, State());

    private static string Line(ConfigurationChange c) => $"{c.Symbol} {c.Resource} {c.Property} {c.Current} -> {c.Desired}";

    [Fact]
    public void A_file_that_matches_the_state_plans_nothing_and_lists_every_resource()
    {
        var plan = Plan(Desired());
        Assert.Empty(plan.Changes);
        Assert.Empty(plan.Warnings);
        Assert.Equal(4, plan.Resources.Count);
    }

    [Fact]
    public void Differences_become_one_typed_change_each_with_secrets_masked()
    {
        var plan = Plan(Desired(d =>
        {
            d.Environments[0].Cpu = 300;
            d.Environments[0].Variables!["LOG_LEVEL"] = ConfigValue.Of("debug");
            d.Environments[0].Variables!["NEW"] = ConfigValue.Of("x");
            d.Cronjobs[0].Schedule = "@hourly";
            d.Cronjobs[0].Suspended = true;
            d.Domains[0].Environment = null;
            d.Settings!["port"] = 8080;
            d.DisplayName = "Shop";
        }), token: "sk_live_rotated_value_00");

        Assert.Equal(new[]
        {
            "~ cronjob shop-app/health Schedule */5  * * * * -> @hourly",
            "~ cronjob shop-app/health Suspended False -> True",
            "~ domain shop-app/shop.example.com Environment production -> ",
            "~ environment shop-app/production Resources.Cpu 200 -> 300",
            "~ environment shop-app/production Variables.API_TOKEN (secret) -> (secret)",
            "~ environment shop-app/production Variables.LOG_LEVEL info -> debug",
            "+ environment shop-app/production Variables.NEW  -> x",
            "~ project shop-app DisplayName Shop App -> Shop",
            "~ project shop-app Settings.Port 80 -> 8080",
        }, plan.Changes.Select(Line).OrderBy(l => l.Substring(2), StringComparer.Ordinal));
        Assert.DoesNotContain(plan.Changes, c => $"{c.Current}{c.Desired}{c.Description}".Contains("sk_live"));
        Assert.True(plan.Changes.Single(c => c.Property == "Variables.API_TOKEN").IsSecret);
    }

    [Fact]
    public void Values_that_look_secret_are_masked_even_when_the_file_writes_them_in_clear()
    {
        var plan = Plan(Desired(d => d.Environments[0].Variables!["LOG_LEVEL"] = ConfigValue.Of("ghp_0123456789abcdefABCDEF")));
        var change = Assert.Single(plan.Changes);
        Assert.Equal((SecretPolicy.Mask, SecretPolicy.Mask), (change.Current, change.Desired));
        Assert.DoesNotContain("ghp_", change.Description);
    }

    [Fact]
    public void Removals_are_planned_only_with_prune()
    {
        Assert.Empty(Plan(Desired()).Changes);
        var removals = Plan(Desired(), prune: true).Changes;
        Assert.Equal(new[] { "- cronjob shop-app/stray  @daily -> ", "- environment shop-app/production Variables.OLD 1 -> " }, removals.Select(Line).OrderBy(l => l, StringComparer.Ordinal));
        Assert.All(removals, c => Assert.Equal(ChangeAction.Remove, c.Action));
    }

    [Fact]
    public void An_unresolved_secret_is_a_warning_when_the_value_exists_and_an_unappliable_add_when_it_does_not()
    {
        var plan = Plan(Desired(d => d.Environments[0].Variables!["DB_PASSWORD"] = ConfigValue.Of(new SecretReference("db", null, "DB_PASSWORD"))), token: null);
        Assert.Contains(plan.Warnings, w => w.Contains("API_TOKEN") && w.Contains("no value found in "));
        var add = Assert.Single(plan.Changes);
        Assert.Equal((ChangeAction.Add, "Variables.DB_PASSWORD"), (add.Action, add.Property));
        Assert.Equal("(not resolved: secret 'db' or $env:DB_PASSWORD)", add.Desired);
    }

    [Fact]
    public void A_missing_project_is_added_with_everything_in_it_and_fixed_fields_are_flagged()
    {
        var plan = new ConfigurationPlanner(new SecretPolicy(), _ => "v", prune: false).Plan(Desired(d => d.Type = "image"), null);
        Assert.Equal(new[] { "+ project shop-app", "+ environment shop-app/production", "+ domain shop-app/shop.example.com", "+ cronjob shop-app/health" },
            plan.Changes.Select(c => $"{c.Symbol} {c.Resource}"));

        var moved = Plan(Desired(d => { d.Type = "vcs"; d.Cronjobs[0].Environment = "staging"; d.Environments.Add(new EnvironmentConfiguration { UniqueName = "staging" }); }));
        Assert.Contains(moved.Changes, c => c.Property == "Type" && c.Current as string == "image");
        Assert.Contains(moved.Changes, c => c.Resource == "cronjob shop-app/health" && c.Property == "Environment");
        Assert.DoesNotContain(moved.Changes, c => c.Resource == "cronjob shop-app/health" && c.Property != "Environment");
    }
}
