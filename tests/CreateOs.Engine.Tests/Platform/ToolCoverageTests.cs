using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreateOs.Engine.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CreateOs.Engine.Tests.Platform;

/// <summary>
/// Every one of the platform's 94 tools (the routes file): a cmdlet covers it, the sandbox serves its route, and one
/// end-to-end scenario in the hosted engine calls that route successfully through the cmdlets. Failures list the tools
/// that miss.
/// </summary>
[Collection(SandboxCollection.Name)]
public class ToolCoverageTests : IClassFixture<PlatformSandboxFixture>
{
    private readonly PlatformSandboxFixture _fixture;

    public ToolCoverageTests(PlatformSandboxFixture fixture) => _fixture = fixture;

    public sealed record Tool(string Name, string Method, string Path, string? Cmdlet);

    /// <summary>The cmdlet that calls each upstream tool (the tools themselves come from the routes file).</summary>
    public static readonly IReadOnlyDictionary<string, string> CmdletOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AddProjectsToApp"] = "Add-CreateOsAppProject",
        ["AddServicesToApp"] = "Add-CreateOsAppService",
        ["AssignDeploymentToProjectEnvironment"] = "Set-CreateOsEnvironmentDeployment",
        ["BuyProjectTemplate"] = "New-CreateOsTemplatePurchase",
        ["CancelDeployment"] = "Stop-CreateOsDeployment",
        ["CheckAPIKeyUniqueName"] = "Test-CreateOsApiKeyName",
        ["CheckProjectEnvironmentUniqueName"] = "Test-CreateOsEnvironmentName",
        ["CheckProjectUniqueName"] = "Test-CreateOsProjectName",
        ["CreateAPIKey"] = "New-CreateOsApiKey",
        ["CreateApp"] = "New-CreateOsApp",
        ["CreateCronjob"] = "New-CreateOsCronjob",
        ["CreateDeployment"] = "Publish-CreateOsDeployment",
        ["CreateDomain"] = "New-CreateOsDomain",
        ["CreateProject"] = "New-CreateOsProject",
        ["CreateProjectEnvironment"] = "New-CreateOsEnvironment",
        ["CreateProjectTemplate"] = "New-CreateOsTemplate",
        ["DeleteApp"] = "Remove-CreateOsApp",
        ["DeleteCronjob"] = "Remove-CreateOsCronjob",
        ["DeleteDeployment"] = "Remove-CreateOsDeployment",
        ["DeleteDomain"] = "Remove-CreateOsDomain",
        ["DeleteProject"] = "Remove-CreateOsProject",
        ["DeleteProjectEnvironment"] = "Remove-CreateOsEnvironment",
        ["DeleteProjectTemplate"] = "Remove-CreateOsTemplate",
        ["DeployProjectTemplateViaGithub"] = "Deploy-CreateOsTemplatePurchase",
        ["DownloadDeployment"] = "Save-CreateOsDeployment",
        ["DownloadProjectTemplate"] = "Save-CreateOsTemplatePurchase",
        ["GetBuildLogs"] = "Get-CreateOsDeploymentLog",
        ["GetCronjob"] = "Get-CreateOsCronjob",
        ["GetCurrentUser"] = "Get-CreateOsUser",
        ["GetDeployment"] = "Get-CreateOsDeployment",
        ["GetDeploymentLogs"] = "Get-CreateOsDeploymentLog",
        ["GetGithubRepositoryContent"] = "Get-CreateOsGitHubContent",
        ["GetProject"] = "Get-CreateOsProject",
        ["GetProjectEnvironmentAnalytics"] = "Get-CreateOsAnalytics",
        ["GetProjectEnvironmentAnalyticsOverallRequests"] = "Get-CreateOsAnalytics",
        ["GetProjectEnvironmentAnalyticsRPM"] = "Get-CreateOsAnalytics",
        ["GetProjectEnvironmentAnalyticsRequestDistribution"] = "Get-CreateOsAnalytics",
        ["GetProjectEnvironmentAnalyticsRequestsOverTime"] = "Get-CreateOsAnalytics",
        ["GetProjectEnvironmentAnalyticsSuccessPercentage"] = "Get-CreateOsAnalytics",
        ["GetProjectEnvironmentAnalyticsTopErrorPaths"] = "Get-CreateOsAnalytics",
        ["GetProjectEnvironmentAnalyticsTopHitPaths"] = "Get-CreateOsAnalytics",
        ["GetProjectEnvironmentLogs"] = "Get-CreateOsEnvironmentLog",
        ["GetProjectTemplate"] = "Get-CreateOsTemplate",
        ["GetProjectTransferUri"] = "Get-CreateOsProjectTransferUri",
        ["GetQuotas"] = "Get-CreateOsQuota",
        ["GetSecurityScan"] = "Get-CreateOsSecurityScan",
        ["GetSecurityScanDownloadUri"] = "Save-CreateOsSecurityScanReport",
        ["GetSupportedProjectTypes"] = "Get-CreateOsSupportedType",
        ["InstallGithubApp"] = "Add-CreateOsGitHubInstallation",
        ["ListAPIKeys"] = "Get-CreateOsApiKey",
        ["ListApps"] = "Get-CreateOsApp",
        ["ListConnectedGithubAccounts"] = "Get-CreateOsGitHubAccount",
        ["ListCronjobActivities"] = "Get-CreateOsCronjobActivity",
        ["ListCronjobs"] = "Get-CreateOsCronjob",
        ["ListDeployments"] = "Get-CreateOsDeployment",
        ["ListDomains"] = "Get-CreateOsDomain",
        ["ListGithubRepositories"] = "Get-CreateOsGitHubRepository",
        ["ListGithubRepositoryBranches"] = "Get-CreateOsGitHubBranch",
        ["ListMyProjectTemplates"] = "Get-CreateOsTemplate",
        ["ListProjectEnvironments"] = "Get-CreateOsEnvironment",
        ["ListProjectTemplateCounts"] = "Get-CreateOsTemplateCount",
        ["ListProjectTemplatePurchases"] = "Get-CreateOsTemplatePurchase",
        ["ListProjectTemplateRejections"] = "Get-CreateOsTemplateRejection",
        ["ListProjectTransferHistory"] = "Get-CreateOsProjectTransferHistory",
        ["ListProjects"] = "Get-CreateOsProject",
        ["ListProjectsByApp"] = "Get-CreateOsAppProject",
        ["ListPublishedProjectTemplates"] = "Get-CreateOsTemplate",
        ["ListServicesByApp"] = "Get-CreateOsAppService",
        ["RefreshDomain"] = "Update-CreateOsDomain",
        ["RemoveProjectsFromApp"] = "Remove-CreateOsAppProject",
        ["RemoveServicesFromApp"] = "Remove-CreateOsAppService",
        ["RetriggerDeployment"] = "Restart-CreateOsDeployment",
        ["RetriggerSecurityScan"] = "Restart-CreateOsSecurityScan",
        ["RevokeAPIKey"] = "Revoke-CreateOsApiKey",
        ["SuspendCronjob"] = "Suspend-CreateOsCronjob",
        ["TransferProject"] = "Approve-CreateOsProjectTransfer",
        ["TriggerLatestDeployment"] = "Publish-CreateOsDeployment",
        ["TriggerSecurityScan"] = "Start-CreateOsSecurityScan",
        ["UnsuspendCronjob"] = "Resume-CreateOsCronjob",
        ["UpdateAPIKey"] = "Set-CreateOsApiKey",
        ["UpdateApp"] = "Set-CreateOsApp",
        ["UpdateCronjob"] = "Set-CreateOsCronjob",
        ["UpdateDomainEnvironment"] = "Set-CreateOsDomainEnvironment",
        ["UpdateProject"] = "Set-CreateOsProject",
        ["UpdateProjectEnvironment"] = "Set-CreateOsEnvironment",
        ["UpdateProjectEnvironmentEnvironmentVariables"] = "Set-CreateOsEnvironmentVariable",
        ["UpdateProjectEnvironmentResources"] = "Set-CreateOsEnvironmentResource",
        ["UpdateProjectSettings"] = "Set-CreateOsProjectSetting",
        ["UpdateProjectTemplate"] = "Set-CreateOsTemplate",
        ["UpdateProjectTemplateStatus"] = "Submit-CreateOsTemplate",
        ["UploadDeploymentBase64Files"] = "Publish-CreateOsDeployment",
        ["UploadDeploymentFiles"] = "Publish-CreateOsDeployment",
        ["UploadDeploymentZip"] = "Publish-CreateOsDeployment",
        ["WakeupDeployment"] = "Start-CreateOsDeployment",
    };

    /// <summary>
    /// The platform's tools: tests/TestData/createos-rest-routes.json (embedded; its source is noted in
    /// tests/TestData/README.md), with the cmdlet of each.
    /// </summary>
    public static readonly IReadOnlyList<Tool> Tools = JsonNode.Parse(CreateOs.TestData.EmbeddedTestData.ReadText("createos-rest-routes.json"))!
        .AsArray()
        .Select(row => new Tool((string)row!["tool"]!, (string)row["method"]!, (string)row["path"]!, CmdletOf.GetValueOrDefault((string)row["tool"]!)))
        .ToList();

    /// <summary>A route template as a regex over request paths; ids are UUIDs or numbers (so {project_id} never matches "supported").</summary>
    private static Regex PathRegex(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template).Replace("\\{", "{"), "{[a-z_]+}", "(?:[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}|[0-9]+)") + "$");

    [Fact]
    public void Every_tool_has_a_cmdlet()
    {
        using var ps = new PowerShellSession();
        var exported = ps.Invoke("Get-Command -Module CreateOs | ForEach-Object Name").Select(o => o.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(94, Tools.Select(t => t.Name).Distinct().Count());
        var missing = Tools.Where(t => t.Cmdlet is null || !exported.Contains(t.Cmdlet)).Select(t => $"{t.Name} ({t.Cmdlet ?? "no cmdlet"})").ToList();
        Assert.True(missing.Count == 0, "Tools without a cmdlet: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_tool_route_is_served_by_the_sandbox()
    {
        var endpoints = _fixture.Sandbox.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? new[] { "*" })
                .Select(method => (Method: method, Template: "/" + Regex.Replace(e.RoutePattern.RawText!.TrimStart('/'), "{[^}]+}", "{}"))))
            .ToList();
        string Normalize(string template) => Regex.Replace(template, "{[^}]+}", "{}");
        var missing = Tools.Where(t => !endpoints.Any(e => (e.Method == t.Method || e.Method == "*") && e.Template == Normalize(t.Path)))
            .Select(t => $"{t.Name} ({t.Method} {t.Path})").ToList();
        Assert.True(missing.Count == 0, "Tools whose route the sandbox does not serve: " + string.Join(", ", missing));
    }

    /// <summary>One scenario drives every cmdlet; afterwards each tool's route must have been called with a 2xx answer.</summary>
    [Fact]
    public void Every_tool_runs_end_to_end_in_the_hosted_engine()
    {
        using var ps = _fixture.ConnectedSession();
        var folder = Directory.CreateTempSubdirectory("createos-e2e-").FullName;
        try
        {
            _fixture.Sandbox.State.ClearRequests();
            ps.Invoke(Scenario, folder);
            var requests = _fixture.Sandbox.State.Requests.Where(r => r.StatusCode is >= 200 and < 300).ToList();
            var missing = Tools.Where(t =>
            {
                var regex = PathRegex(t.Path);
                return !requests.Any(r => r.Method == t.Method && regex.IsMatch(r.Path));
            }).Select(t => $"{t.Name} ({t.Method} {t.Path})").ToList();
            var errors = ps.Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}").ToList();
            Assert.True(missing.Count == 0 && errors.Count == 0,
                $"Tools not exercised successfully: {string.Join(", ", missing)}\nErrors:\n{string.Join("\n", errors)}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string Scenario = """
        param($folder)
        $wait = @{ Wait = $true; PollIntervalSeconds = 0.05; Confirm = $false }
        $suffix = [guid]::NewGuid().ToString('N').Substring(0, 8)
        function Wait-Until([scriptblock] $condition) { for ($i = 0; $i -lt 200 -and -not (& $condition); $i++) { [Threading.Thread]::Sleep(50) } }

        $other = [CreateOs.Core.CreateOsSession]::new()
        Connect-CreateOs -Session $other -ApiKey $otherKey -ApiUri $apiUri

        # Account
        $null = Get-CreateOsUser; $null = Get-CreateOsQuota; $null = Get-CreateOsSupportedType

        # GitHub
        Add-CreateOsGitHubInstallation -InstallationId 99000001 -Code "code-$suffix" -Confirm:$false | Out-Null
        $account = Get-CreateOsGitHubAccount | Where-Object InstallationId -eq '12345678'
        $repo = $account | Get-CreateOsGitHubRepository -Name node-api
        $null = $repo | Get-CreateOsGitHubBranch -All
        $root = $repo | Get-CreateOsGitHubContent -Branch main
        $null = $root | Where-Object Type -eq tree | Get-CreateOsGitHubContent

        # Projects
        $null = Test-CreateOsProjectName -Name "vcs-$suffix"
        $vcs = New-CreateOsProject -Name "vcs-$suffix" -DisplayName 'Vcs Project' -Type vcs -GitHubInstallationId $repo.InstallationId -RepositoryId $repo.Id -Runtime node:20 -Port 3000 -Confirm:$false
        Get-CreateOsProject -Name "vcs-$suffix" | Set-CreateOsProject -DisplayName 'Vcs Renamed' -Confirm:$false
        $vcs | Set-CreateOsProjectSetting -Port 3001 -Confirm:$false
        $null = Get-CreateOsProject -Id $vcs.Id

        # Deployments of a VCS project: trigger, logs, retrigger + cancel, delete (sleep) + wake
        $d1 = Publish-CreateOsDeployment -ProjectId $vcs.Id -Branch main @wait
        $null = $d1 | Get-CreateOsDeployment
        $null = Get-CreateOsDeployment -ProjectId $vcs.Id
        $null = $d1 | Get-CreateOsDeploymentLog
        $null = $d1 | Get-CreateOsDeploymentLog -Runtime -SinceSeconds 600
        $d2 = $d1 | Restart-CreateOsDeployment -Settings project -Confirm:$false
        $d2 | Stop-CreateOsDeployment -Confirm:$false
        $d1 | Remove-CreateOsDeployment -Confirm:$false
        Wait-Until { ($d1 | Get-CreateOsDeployment).Status -eq 'sleeping' }
        $d1 | Start-CreateOsDeployment -Confirm:$false

        # Image project: deploy, environment, variables, resources, assign, logs, analytics
        $img = New-CreateOsProject -Name "img-$suffix" -DisplayName 'Image Project' -Type image -Port 8080 -EnableSecurityScan -Confirm:$false
        $d3 = Publish-CreateOsDeployment -ProjectId $img.Id -Image nginx:1.27 @wait
        $null = Test-CreateOsEnvironmentName -ProjectId $img.Id -Name production
        $env = New-CreateOsEnvironment -ProjectId $img.Id -Name production -Variables @{ A = '1' } -Confirm:$false
        $env = Get-CreateOsProject -Id $img.Id | Get-CreateOsEnvironment -Name production
        $env | Set-CreateOsEnvironment -DisplayName 'Production Env' -Confirm:$false
        $env | Set-CreateOsEnvironmentVariable -Variables @{ LOG_LEVEL = 'debug' } -Confirm:$false
        $env | Set-CreateOsEnvironmentResource -Cpu 300 -Confirm:$false
        $d3 | Set-CreateOsEnvironmentDeployment -EnvironmentId $env.Id -Confirm:$false
        $null = $env | Get-CreateOsEnvironmentLog -SinceSeconds 600
        foreach ($metric in 'Summary', 'OverallRequests', 'Rpm', 'SuccessPercentage', 'RequestsOverTime', 'TopHitPaths', 'TopErrorPaths', 'StatusDistribution') {
            $null = $env | Get-CreateOsAnalytics -Metric $metric -Start ([datetime]::UtcNow.AddHours(-2))
        }
        # Cronjobs: create, list, get, update, suspend, resume, activities, remove
        $cron = $env | New-CreateOsCronjob -Name "ping-$suffix" -Schedule '*/5 * * * *' -Path /health -TimeoutSec 2 -Confirm:$false
        $null = Get-CreateOsProject -Id $img.Id | Get-CreateOsCronjob
        $null = Get-CreateOsCronjob -ProjectId $img.Id -CronjobId $cron.Id
        $cron | Set-CreateOsCronjob -Schedule '@hourly' -Confirm:$false
        $cron | Suspend-CreateOsCronjob -Confirm:$false
        $cron | Resume-CreateOsCronjob -Confirm:$false
        $null = $cron | Get-CreateOsCronjobActivity
        $cron | Remove-CreateOsCronjob -Confirm:$false

        # Templates: publish one through review, buy it as the other user, download and deploy the purchase; delete a draft
        $long = 'A template published by the end-to-end scenario of the tool coverage test. ' * 2
        $tpl = $env | New-CreateOsTemplate -Name "tpl-$suffix-e2e" -Description $long -Overview $long -UseCases $long -ImageUri 'https://example.com/t.png' -Category e2e -Confirm:$false
        $null = Get-CreateOsTemplate -Mine
        $null = Get-CreateOsTemplateCount -Name tpl
        $tpl | Set-CreateOsTemplate -VideoUrl 'https://example.com/video' -Confirm:$false
        $tpl | Submit-CreateOsTemplate -Confirm:$false
        Wait-Until { (Get-CreateOsTemplate -TemplateId $tpl.Id).Status -eq 'listed' }
        $null = $tpl | Get-CreateOsTemplateRejection
        $null = Get-CreateOsTemplate -Category e2e
        $purchase = Get-CreateOsTemplate -TemplateId $tpl.Id | New-CreateOsTemplatePurchase -Session $other -Confirm:$false
        $null = Get-CreateOsTemplatePurchase -Session $other
        $null = $purchase | Save-CreateOsTemplatePurchase -Path $folder -Session $other -Confirm:$false
        $purchase | Deploy-CreateOsTemplatePurchase -InstallationId 12345678 -Session $other -Confirm:$false
        $draft = $env | New-CreateOsTemplate -Name "tpl-$suffix-draft" -Description $long -Overview $long -UseCases $long -ImageUri 'https://example.com/t.png' -Confirm:$false
        $draft | Remove-CreateOsTemplate -Confirm:$false

        $spare = New-CreateOsEnvironment -ProjectId $img.Id -Name spare -Confirm:$false
        $spare | Remove-CreateOsEnvironment -Confirm:$false

        # Domains: add, refresh the pending ones, detach once active, remove
        $null = New-CreateOsDomain -ProjectId $img.Id -Name "app-$suffix.example.com" -EnvironmentId $env.Id -Confirm:$false
        Get-CreateOsProject -Id $img.Id | Get-CreateOsDomain | Where-Object Status -eq pending | Update-CreateOsDomain -Confirm:$false
        Wait-Until { (Get-CreateOsDomain -ProjectId $img.Id -Name "app-$suffix.example.com").Status -eq 'active' }
        Get-CreateOsDomain -ProjectId $img.Id -Name "app-$suffix.example.com" | Set-CreateOsDomainEnvironment -Detach -Confirm:$false
        Get-CreateOsDomain -ProjectId $img.Id | Remove-CreateOsDomain -Confirm:$false

        # Security scans: trigger, get, report; a failing one retriggered
        $null = $d3 | Start-CreateOsSecurityScan -Confirm:$false
        Wait-Until { ($d3 | Get-CreateOsSecurityScan).Status -eq 'success' }
        $null = $d3 | Save-CreateOsSecurityScanReport -Path ([IO.Path]::Combine($folder, 'report.json')) -Confirm:$false
        $failing = New-CreateOsProject -Name "scan-$suffix" -DisplayName 'Scan Project' -Type image -Port 80 -EnableSecurityScan -RunEnvs @{ SANDBOX_SCAN_FAIL = '1' } -Confirm:$false
        $d5 = Publish-CreateOsDeployment -ProjectId $failing.Id -Image nginx:1 @wait
        $null = $d5 | Start-CreateOsSecurityScan -Confirm:$false
        Wait-Until { ($d5 | Get-CreateOsSecurityScan).Status -eq 'failed' }
        $null = $d5 | Restart-CreateOsSecurityScan -Confirm:$false

        # Upload project: plain text files, binary files (base64), many files (zip), download
        $up = New-CreateOsProject -Name "up-$suffix" -DisplayName 'Upload Project' -Type upload -Framework express -Runtime node:20 -Port 3000 -Confirm:$false
        $text = [IO.Path]::Combine($folder, 'text'); $null = [IO.Directory]::CreateDirectory($text)
        [IO.File]::WriteAllText(([IO.Path]::Combine($text, 'index.js')), "require('http').createServer((q, s) => s.end('hi')).listen(3000)")
        [IO.File]::WriteAllText(([IO.Path]::Combine($text, 'package.json')), '{"name":"app"}')
        $d4 = Publish-CreateOsDeployment -ProjectId $up.Id -Path $text @wait
        $binary = [IO.Path]::Combine($folder, 'binary'); $null = [IO.Directory]::CreateDirectory($binary)
        [IO.File]::WriteAllText(([IO.Path]::Combine($binary, 'index.js')), 'console.log(1)')
        [IO.File]::WriteAllBytes(([IO.Path]::Combine($binary, 'logo.png')), [byte[]](137, 80, 78, 71, 0, 0, 0, 13, 255, 0))
        $null = Publish-CreateOsDeployment -ProjectId $up.Id -Path $binary @wait
        $many = [IO.Path]::Combine($folder, 'many'); $null = [IO.Directory]::CreateDirectory($many)
        foreach ($i in 1..101) { [IO.File]::WriteAllText(([IO.Path]::Combine($many, "page$i.html")), "<p>$i</p>") }
        $null = Publish-CreateOsDeployment -ProjectId $up.Id -Path $many @wait
        $null = $d4 | Save-CreateOsDeployment -Path ([IO.Path]::Combine($folder, 'download.zip')) -Confirm:$false

        # Apps
        $app = New-CreateOsApp -Name "app-$suffix" -Confirm:$false
        $null = Get-CreateOsApp
        $app | Set-CreateOsApp -Description 'Grouped services' -Confirm:$false
        $img | Add-CreateOsAppProject -AppId $app.Id -Confirm:$false
        $null = $app | Get-CreateOsAppProject
        $img | Remove-CreateOsAppProject -AppId $app.Id -Confirm:$false
        Add-CreateOsAppService -AppId $app.Id -ServiceId ([guid]::NewGuid()) -Confirm:$false
        $service = $app | Get-CreateOsAppService
        $service | Remove-CreateOsAppService -AppId $app.Id -Confirm:$false
        $app | Remove-CreateOsApp -Confirm:$false

        # API keys
        $null = Test-CreateOsApiKeyName -Name "key-$suffix"
        $key = New-CreateOsApiKey -Name "key-$suffix" -ExpiresAt ([datetime]::UtcNow.AddDays(7)) -Description 'CI key' -Confirm:$false
        $null = Get-CreateOsApiKey
        Get-CreateOsApiKey -Name "key-$suffix" | Set-CreateOsApiKey -Description 'Rotated CI key' -Confirm:$false
        Get-CreateOsApiKey -Name "key-$suffix" | Revoke-CreateOsApiKey -Confirm:$false

        # Transfer the upload project to the other user
        $transfer = $up | Get-CreateOsProjectTransferUri
        $transfer | Approve-CreateOsProjectTransfer -Session $other -Confirm:$false
        $null = Get-CreateOsProjectTransferHistory -ProjectId $up.Id -Session $other

        $vcs | Remove-CreateOsProject -Confirm:$false
        """;
}
