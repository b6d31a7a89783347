using System.IO.Compression;
using System.Management.Automation;
using CreateOs.Core.Models;
using CreateOs.Engine.Tests.Experience;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Platform;

/// <summary>The template marketplace cmdlets against the sandbox: the review flow, local validation, buying, downloading, deploying.</summary>
[Collection(SandboxCollection.Name)]
public class TemplateTests : IClassFixture<PlatformSandboxFixture>
{
    private const string Text = "'A template for the engine tests: one static page, a production environment and nothing else to configure at all.'";
    private readonly PlatformSandboxFixture _fixture;

    public TemplateTests(PlatformSandboxFixture fixture) => _fixture = fixture;

    /// <summary>A project with an environment holding a secret-looking variable ($environment), and $other connected as the second user.</summary>
    private PowerShellSession Session()
    {
        var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps);
        ps.Invoke("$global:environment = $project | New-CreateOsEnvironment -Name production -Variables @{ LOG_LEVEL = 'info'; STRIPE_KEY = 'sk_live_not_for_templates' } -Confirm:$false");
        ps.Invoke("$global:other = [CreateOs.Core.CreateOsSession]::new(); Connect-CreateOs -Session $other -ApiKey $otherKey -ApiUri $apiUri");
        Assert.Empty(ps.Errors);
        return ps;
    }

    private static string NewTemplate(string name, string extra = "") =>
        $"$environment | New-CreateOsTemplate -Name '{name}' -Description {Text} -Overview {Text} -UseCases {Text} -ImageUri 'https://example.com/t.png' {extra} -Confirm:$false";

    private static ProjectTemplate WaitForStatus(PowerShellSession ps, string id, string status)
    {
        for (var i = 0; i < 100; i++)
        {
            var template = (ProjectTemplate)ps.Invoke("Get-CreateOsTemplate -TemplateId $args[0]", id).Single().BaseObject;
            if (template.Status == status) return template;
            Thread.Sleep(50);
        }
        throw new Xunit.Sdk.XunitException($"template {id} never reached {status}");
    }

    [Fact]
    public void A_template_goes_draft_underReview_listed_and_a_rejected_one_is_fixed_and_resubmitted()
    {
        using var ps = Session();
        var template = (ProjectTemplate)ps.Invoke(NewTemplate("Engine listed template", "-Category engine, tests -Amount 2.5")).Single().BaseObject;
        Assert.Empty(ps.Errors);
        Assert.Equal(("draft", 2.5m), (template.Status, template.Amount));
        Assert.Equal(new[] { "engine", "tests" }, template.Categories);

        var submitted = (ProjectTemplate)ps.Invoke("Get-CreateOsTemplate -Mine -Status draft | Where-Object Id -eq $args[0] | Submit-CreateOsTemplate -PassThru -Confirm:$false", template.Id).Single().BaseObject;
        Assert.Equal("underReview", submitted.Status);
        WaitForStatus(ps, template.Id, "listed");
        Assert.Contains(ps.Invoke("Get-CreateOsTemplate -Category engine").Select(o => ((ProjectTemplate)o.BaseObject).Id), id => id == template.Id);
        var count = (TemplateCount)ps.Invoke("Get-CreateOsTemplateCount -Name 'Engine listed'").Single().BaseObject;
        Assert.Contains(count.Categories, c => c.Name == "engine" && c.Count >= 1);
        ps.Invoke("Get-CreateOsTemplate -TemplateId $args[0] | Set-CreateOsTemplate -Amount 3 -Confirm:$false", template.Id);
        Assert.Equal("CreateOs.TemplateInvalidState", Assert.Single(ps.Errors).FullyQualifiedErrorId.Split(',')[0]);

        ps.Errors.Clear();
        var rejected = (ProjectTemplate)ps.Invoke(NewTemplate("sandbox-reject engine template")).Single().BaseObject;
        ps.Invoke("$args[0] | Submit-CreateOsTemplate -Confirm:$false", rejected);
        WaitForStatus(ps, rejected.Id, "rejected");
        var reason = (TemplateRejection)ps.Invoke("Get-CreateOsTemplate -TemplateId $args[0] | Get-CreateOsTemplateRejection", rejected.Id).Single().BaseObject;
        Assert.Equal(rejected.Id, reason.TemplateId);
        Assert.Contains("sandbox-reject", reason.Reason);
        var fixedTemplate = (ProjectTemplate)ps.Invoke("Get-CreateOsTemplate -TemplateId $args[0] | Set-CreateOsTemplate -Name 'Engine fixed template' -VideoUrl 'https://example.com/v' -PassThru -Confirm:$false", rejected.Id).Single().BaseObject;
        Assert.Equal(("Engine fixed template", "https://example.com/v", rejected.Description), (fixedTemplate.Name, fixedTemplate.VideoUrl, fixedTemplate.Description));
        ps.Invoke("Get-CreateOsTemplate -TemplateId $args[0] | Submit-CreateOsTemplate -Confirm:$false", rejected.Id);
        WaitForStatus(ps, rejected.Id, "listed");
        Assert.Empty(ps.Errors);
    }

    [Fact]
    public void New_template_takes_the_environments_configuration_but_never_its_variable_values()
    {
        using var ps = Session();
        var template = (ProjectTemplate)ps.Invoke(NewTemplate("Engine config template")).Single().BaseObject;
        Assert.Empty(ps.Errors);
        var stored = _fixture.Sandbox.State.Templates.Single(t => t.Id.ToString() == template.Id);
        lock (_fixture.Sandbox.State.SyncRoot)
        {
            Assert.Equal("image", (string?)stored.ProjectConfiguration["type"]);
            Assert.Equal("", (string?)stored.EnvironmentConfiguration["runEnvs"]!["STRIPE_KEY"]);
            Assert.Equal(200, (int)stored.DeploymentResources["cpu"]!);
        }
        var body = _fixture.Sandbox.State.Requests.Last(r => r.Method == "POST" && r.Path == "/v1/project-templates").Body!;
        Assert.DoesNotContain("sk_live_not_for_templates", body);
        Assert.Contains("\"LOG_LEVEL\":\"\"", body);
    }

    [Theory]
    [InlineData("Name", "'too short'")]
    [InlineData("Description", "'short'")]
    [InlineData("UseCases", "('u' * 10001)")]
    [InlineData("ImageUri", "('https://example.com/' + 'i' * 90)")]
    [InlineData("Amount", "5001")]
    [InlineData("VideoUrl", "'not an address'")]
    [InlineData("Category", "('c' * 129)")]
    public void Invalid_listings_are_refused_locally_and_nothing_is_sent(string field, string value)
    {
        using var ps = Session();
        var before = _fixture.Sandbox.State.MutatingRequestCount;
        var parameters = new Dictionary<string, string> { ["Name"] = "'Long enough name'", ["Description"] = Text, ["Overview"] = Text, ["UseCases"] = Text, ["ImageUri"] = "'https://example.com/t.png'" };
        parameters[field] = value;
        var script = "$environment | New-CreateOsTemplate " + string.Join(" ", parameters.Select(p => $"-{p.Key} {p.Value}")) + " -Confirm:$false";
        ps.Invoke(script);
        var error = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.TemplateInvalidArgument", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains(field, error.Exception.Message);
        Assert.Equal(before, _fixture.Sandbox.State.MutatingRequestCount);
    }

    [Fact]
    public void Another_user_buys_downloads_with_progress_and_deploys_a_purchase()
    {
        using var ps = Session();
        ps.Invoke("$d = Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:1 -Wait -PollIntervalSeconds 0.05 -Confirm:$false");
        var template = (ProjectTemplate)ps.Invoke(NewTemplate("Engine bought template", "-Amount 4")).Single().BaseObject;
        ps.Invoke("$args[0] | Submit-CreateOsTemplate -Confirm:$false", template);
        WaitForStatus(ps, template.Id, "listed");
        ps.Invoke("Get-CreateOsTemplate -TemplateId $args[0] | New-CreateOsTemplatePurchase -Confirm:$false", template.Id);
        Assert.Contains("own", Assert.Single(ps.Errors).Exception.Message);
        ps.Errors.Clear();

        var purchase = (TemplatePurchase)ps.Invoke("Get-CreateOsTemplate -TemplateId $args[0] -Session $other | New-CreateOsTemplatePurchase -Session $other -Confirm:$false", template.Id).Single().BaseObject;
        Assert.Empty(ps.Errors);
        Assert.Equal((template.Id, 4m), (purchase.TemplateId, purchase.Amount));
        Assert.Single(_fixture.Sandbox.State.Requests, r => r.Method == "POST" && r.Path == $"/v1/project-templates/{template.Id}/buy" && r.StatusCode == 200);

        var folder = Directory.CreateTempSubdirectory("createos-template-").FullName;
        try
        {
            var before = ps.Host.Progress.Count;
            var saved = (SavedTemplatePurchase)ps.Invoke("Get-CreateOsTemplatePurchase -Session $other | Where-Object PurchaseId -eq $args[0] | Save-CreateOsTemplatePurchase -Path $args[1] -Session $other -Confirm:$false", purchase.Id, folder).Single().BaseObject;
            Assert.Empty(ps.Errors);
            Assert.Equal(Path.Combine(folder, purchase.Id + ".zip"), saved.Path);
            using (var zip = ZipFile.OpenRead(saved.Path)) Assert.NotEmpty(zip.Entries);
            Assert.Equal(new FileInfo(saved.Path).Length, saved.Bytes);
            var progress = ps.Host.Progress.Skip(before).Where(r => r.Activity == $"Save template purchase {purchase.Id}").ToList();
            Assert.NotEmpty(progress);
            Assert.Equal(ProgressRecordType.Completed, progress.Last().RecordType);
            Assert.DoesNotContain(Directory.GetFiles(folder), f => f.EndsWith(".partial", StringComparison.Ordinal));

            ps.Invoke("Save-CreateOsTemplatePurchase -PurchaseId $args[0] -Path $args[1] -Session $other -Confirm:$false", purchase.Id, folder);
            Assert.Equal("CreateOs.TemplatePurchaseFileError", Assert.Single(ps.Errors).FullyQualifiedErrorId.Split(',')[0]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        ps.Errors.Clear();
        ps.Invoke("Get-CreateOsTemplatePurchase -Session $other | Where-Object PurchaseId -eq $args[0] | Deploy-CreateOsTemplatePurchase -InstallationId 12345678 -Session $other -Confirm:$false", purchase.Id);
        Assert.Empty(ps.Errors);
        Assert.Contains(_fixture.Sandbox.State.Requests, r => r.Method == "PUT" && r.Path.EndsWith($"/purchases/{purchase.Id}/deploy-via-github", StringComparison.Ordinal) && r.Body!.Contains("12345678") && r.StatusCode == 200);
    }

    [Fact]
    public void Templates_counts_and_purchases_read_at_80_columns()
    {
        using var ps = _fixture.ConnectedSession(width: 80);
        PlatformSandboxFixture.NewImageProject(ps);
        ps.Invoke("$global:environment = $project | New-CreateOsEnvironment -Name production -Confirm:$false");
        ps.Invoke(NewTemplate("Template shown at eighty columns", "-Category web, starter -Amount 12"));
        var screen = Screen.Of(ps, "Get-CreateOsTemplate -Mine") + Screen.Of(ps, "Get-CreateOsTemplateCount") + Screen.Of(ps, "Get-CreateOsTemplatePurchase");
        Assert.Empty(ps.Errors);
        Assert.All(screen.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, $"wider than 80 columns: {line}"));
        foreach (var expected in new[] { "Template shown at eighty columns", "draft", "12", "web, starter", "static (" })
            Assert.Contains(expected, screen);
    }
}
