using System.Text.RegularExpressions;
using CreateOs.Engine.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CreateOs.Engine.Tests.Platform;

/// <summary>
/// Every tool of seed 003 (the CreateOS skill's tool list): a cmdlet covers it, the sandbox serves its route, and one
/// end-to-end scenario in the hosted engine calls that route successfully. Failures list the tools that miss.
/// </summary>
[Collection(SandboxCollection.Name)]
public class ToolCoverageTests : IClassFixture<PlatformSandboxFixture>
{
    private readonly PlatformSandboxFixture _fixture;

    public ToolCoverageTests(PlatformSandboxFixture fixture) => _fixture = fixture;

    public sealed record Tool(string Name, string Cmdlet, string Method, string Path);

    private const string P = "/v1/projects/{project_id}";
    private const string D = P + "/deployments/{deployment_id}";
    private const string E = P + "/environments/{environment_id}";
    private const string G = "/v1/app-installations/github";

    /// <summary>The seed's tools (plus the routes file's name for the distribution metric), the cmdlet and the route.</summary>
    public static readonly IReadOnlyList<Tool> Tools = new Tool[]
    {
        new("CreateProject", "New-CreateOsProject", "POST", "/v1/projects"),
        new("ListProjects", "Get-CreateOsProject", "GET", "/v1/projects"),
        new("GetProject", "Get-CreateOsProject", "GET", P),
        new("UpdateProject", "Set-CreateOsProject", "PUT", P),
        new("UpdateProjectSettings", "Set-CreateOsProjectSetting", "PUT", P + "/settings"),
        new("DeleteProject", "Remove-CreateOsProject", "DELETE", P),
        new("CheckProjectUniqueName", "Test-CreateOsProjectName", "POST", "/v1/projects/available-unique-name"),
        new("GetProjectTransferUri", "Get-CreateOsProjectTransferUri", "GET", P + "/transfer-uri"),
        new("TransferProject", "Approve-CreateOsProjectTransfer", "GET", P + "/transfer"),
        new("ListProjectTransferHistory", "Get-CreateOsProjectTransferHistory", "GET", P + "/transfer-history"),
        new("CreateDeployment", "Publish-CreateOsDeployment", "POST", P + "/deployments"),
        new("TriggerLatestDeployment", "Publish-CreateOsDeployment", "POST", P + "/trigger-latest"),
        new("UploadDeploymentFiles", "Publish-CreateOsDeployment", "PUT", P + "/deployments/files"),
        new("UploadDeploymentBase64Files", "Publish-CreateOsDeployment", "PUT", P + "/deployments/files/base64"),
        new("UploadDeploymentZip", "Publish-CreateOsDeployment", "PUT", P + "/deployments/upload-zip"),
        new("ListDeployments", "Get-CreateOsDeployment", "GET", P + "/deployments"),
        new("GetDeployment", "Get-CreateOsDeployment", "GET", D),
        new("GetBuildLogs", "Get-CreateOsDeploymentLog", "GET", D + "/build-logs"),
        new("GetDeploymentLogs", "Get-CreateOsDeploymentLog", "GET", D + "/deployment-logs"),
        new("RetriggerDeployment", "Restart-CreateOsDeployment", "POST", D + "/retrigger"),
        new("CancelDeployment", "Stop-CreateOsDeployment", "POST", D + "/cancel"),
        new("DeleteDeployment", "Remove-CreateOsDeployment", "DELETE", D),
        new("WakeupDeployment", "Start-CreateOsDeployment", "POST", D + "/wakeup"),
        new("DownloadDeployment", "Save-CreateOsDeployment", "GET", D + "/download"),
        new("AssignDeploymentToProjectEnvironment", "Set-CreateOsEnvironmentDeployment", "POST", E + "/assign-deployment"),
        new("CreateProjectEnvironment", "New-CreateOsEnvironment", "POST", P + "/environments"),
        new("ListProjectEnvironments", "Get-CreateOsEnvironment", "GET", P + "/environments"),
        new("UpdateProjectEnvironment", "Set-CreateOsEnvironment", "PUT", E),
        new("DeleteProjectEnvironment", "Remove-CreateOsEnvironment", "DELETE", E),
        new("CheckProjectEnvironmentUniqueName", "Test-CreateOsEnvironmentName", "POST", P + "/environments/available-unique-name"),
        new("UpdateProjectEnvironmentEnvironmentVariables", "Set-CreateOsEnvironmentVariable", "PUT", E + "/environment-variables"),
        new("UpdateProjectEnvironmentResources", "Set-CreateOsEnvironmentResource", "PUT", E + "/resources"),
        new("GetProjectEnvironmentLogs", "Get-CreateOsEnvironmentLog", "GET", E + "/logs"),
        new("CreateDomain", "New-CreateOsDomain", "POST", P + "/domains"),
        new("ListDomains", "Get-CreateOsDomain", "GET", P + "/domains"),
        new("RefreshDomain", "Update-CreateOsDomain", "POST", P + "/domains/{domain_id}/refresh"),
        new("UpdateDomainEnvironment", "Set-CreateOsDomainEnvironment", "PUT", P + "/domains/{domain_id}/environment"),
        new("DeleteDomain", "Remove-CreateOsDomain", "DELETE", P + "/domains/{domain_id}"),
        new("InstallGithubApp", "Add-CreateOsGitHubInstallation", "POST", G),
        new("ListConnectedGithubAccounts", "Get-CreateOsGitHubAccount", "GET", G + "/accounts"),
        new("ListGithubRepositories", "Get-CreateOsGitHubRepository", "GET", G + "/accounts/{installation_id}/repositories"),
        new("ListGithubRepositoryBranches", "Get-CreateOsGitHubBranch", "GET", G + "/accounts/{installation_id}/repositories/branches"),
        new("GetGithubRepositoryContent", "Get-CreateOsGitHubContent", "POST", G + "/accounts/{installation_id}/repositories/content"),
        new("GetProjectEnvironmentAnalytics", "Get-CreateOsAnalytics", "GET", E + "/analytics"),
        new("GetProjectEnvironmentAnalyticsOverallRequests", "Get-CreateOsAnalytics", "GET", E + "/analytics/overall-requests"),
        new("GetProjectEnvironmentAnalyticsRPM", "Get-CreateOsAnalytics", "GET", E + "/analytics/rpm"),
        new("GetProjectEnvironmentAnalyticsSuccessPercentage", "Get-CreateOsAnalytics", "GET", E + "/analytics/success-percentage"),
        new("GetProjectEnvironmentAnalyticsRequestsOverTime", "Get-CreateOsAnalytics", "GET", E + "/analytics/requests-over-time"),
        new("GetProjectEnvironmentAnalyticsTopHitPaths", "Get-CreateOsAnalytics", "GET", E + "/analytics/top-hit-paths"),
        new("GetProjectEnvironmentAnalyticsTopErrorPaths", "Get-CreateOsAnalytics", "GET", E + "/analytics/top-error-paths"),
        new("GetEnvAnalyticsReqDistribution", "Get-CreateOsAnalytics", "GET", E + "/analytics/request-distribution"),
        new("GetProjectEnvironmentAnalyticsRequestDistribution", "Get-CreateOsAnalytics", "GET", E + "/analytics/request-distribution"),
        new("TriggerSecurityScan", "Start-CreateOsSecurityScan", "POST", D + "/security-scans/trigger"),
        new("GetSecurityScan", "Get-CreateOsSecurityScan", "GET", D + "/security-scans"),
        new("GetSecurityScanDownloadUri", "Save-CreateOsSecurityScanReport", "GET", D + "/security-scans/download"),
        new("RetriggerSecurityScan", "Restart-CreateOsSecurityScan", "POST", D + "/security-scans/retrigger"),
        new("CreateApp", "New-CreateOsApp", "POST", "/v1/apps"),
        new("ListApps", "Get-CreateOsApp", "GET", "/v1/apps"),
        new("UpdateApp", "Set-CreateOsApp", "PATCH", "/v1/apps/{app_id}"),
        new("DeleteApp", "Remove-CreateOsApp", "DELETE", "/v1/apps/{app_id}"),
        new("AddProjectsToApp", "Add-CreateOsAppProject", "POST", "/v1/apps/{app_id}/projects"),
        new("RemoveProjectsFromApp", "Remove-CreateOsAppProject", "POST", "/v1/apps/{app_id}/projects/remove"),
        new("ListProjectsByApp", "Get-CreateOsAppProject", "GET", "/v1/apps/{app_id}/projects"),
        new("AddServicesToApp", "Add-CreateOsAppService", "POST", "/v1/apps/{app_id}/services"),
        new("RemoveServicesFromApp", "Remove-CreateOsAppService", "POST", "/v1/apps/{app_id}/services/remove"),
        new("ListServicesByApp", "Get-CreateOsAppService", "GET", "/v1/apps/{app_id}/services"),
        new("CreateAPIKey", "New-CreateOsApiKey", "POST", "/v1/api-keys"),
        new("ListAPIKeys", "Get-CreateOsApiKey", "GET", "/v1/api-keys"),
        new("UpdateAPIKey", "Set-CreateOsApiKey", "PUT", "/v1/api-keys/{api_key_id}"),
        new("RevokeAPIKey", "Revoke-CreateOsApiKey", "DELETE", "/v1/api-keys/{api_key_id}"),
        new("CheckAPIKeyUniqueName", "Test-CreateOsApiKeyName", "POST", "/v1/api-keys/available-unique-name"),
        new("GetCurrentUser", "Get-CreateOsUser", "GET", "/v1/users/me"),
        new("GetQuotas", "Get-CreateOsQuota", "GET", "/v1/quotas"),
        new("GetSupportedProjectTypes", "Get-CreateOsSupportedType", "GET", "/v1/projects/supported"),
    };

    /// <summary>A route template as a regex over request paths; ids are UUIDs or numbers (so {project_id} never matches "supported").</summary>
    private static Regex PathRegex(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template).Replace("\\{", "{"), "{[a-z_]+}", "(?:[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}|[0-9]+)") + "$");

    [Fact]
    public void Every_tool_has_a_cmdlet()
    {
        using var ps = new PowerShellSession();
        var exported = ps.Invoke("Get-Command -Module CreateOs | ForEach-Object Name").Select(o => o.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = Tools.Where(t => !exported.Contains(t.Cmdlet)).Select(t => $"{t.Name} ({t.Cmdlet})").ToList();
        Assert.True(missing.Count == 0, "Tools without a cmdlet: " + string.Join(", ", missing));
        Assert.Equal(74, Tools.Select(t => t.Name).Distinct().Count());
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
        $other = [CreateOs.Core.CreateOsSession]::new()
        Connect-CreateOs -Session $other -ApiKey $otherKey -ApiUri $apiUri
        $transfer | Approve-CreateOsProjectTransfer -Session $other -Confirm:$false
        $null = Get-CreateOsProjectTransferHistory -ProjectId $up.Id -Session $other

        $vcs | Remove-CreateOsProject -Confirm:$false
        """;
}
