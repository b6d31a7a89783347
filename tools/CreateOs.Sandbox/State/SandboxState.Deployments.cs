using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.State;

/// <summary>Deployments: the state machine of reference §7 (queue → building → deploying → deployed, and the side branches) and the hits their apps serve.</summary>
public sealed partial class SandboxState
{
    /// <summary>A file with this name in an upload (or a runEnv/buildVar of this name) makes the build fail.</summary>
    public const string BuildFailMarker = "SANDBOX_BUILD_FAIL";
    /// <summary>A runEnv of this name, or an image name containing "sandbox-deploy-fail", makes the rollout fail.</summary>
    public const string DeployFailMarker = "SANDBOX_DEPLOY_FAIL";
    /// <summary>A runEnv of this name makes a deployed app crash one step after it is deployed.</summary>
    public const string CrashMarker = "SANDBOX_CRASH";

    private const int MaxRuntimeLogLines = 10_000;
    /// <summary>A runEnv of this name makes security scans fail.</summary>
    public const string ScanFailMarker = "SANDBOX_SCAN_FAIL";

    internal Deployment CreateDeployment(Project project, string kind, JsonObject source, JsonObject settings, Dictionary<string, byte[]> files)
    {
        var now = Now;
        var runEnvs = settings["runEnvs"] as JsonObject;
        var buildVars = (settings["buildVars"] ?? settings["buildFlags"]) as JsonObject;
        var image = (string?)source["image"];
        string? buildFailure = null;
        if (files.Keys.Any(path => Path.GetFileName(path) == BuildFailMarker) || runEnvs?.ContainsKey(BuildFailMarker) == true || buildVars?.ContainsKey(BuildFailMarker) == true)
            buildFailure = $"build failed: {BuildFailMarker} marker found";
        string? rolloutFailure = null;
        if (runEnvs?.ContainsKey(DeployFailMarker) == true || image?.Contains("sandbox-deploy-fail", StringComparison.OrdinalIgnoreCase) == true)
            rolloutFailure = "container exited with code 1 during rollout";

        var deployment = new Deployment
        {
            Id = Ids.NewId(),
            ProjectId = project.Id,
            VersionNumber = DeploymentList.Count(d => d.ProjectId == project.Id) + 1,
            Source = source,
            Settings = settings,
            Kind = kind,
            Files = files,
            BuildFailureReason = buildFailure,
            RolloutFailureReason = rolloutFailure,
            CreatedAt = now,
            UpdatedAt = now,
        };
        DeploymentList.Add(deployment);
        AppendBuildLog(deployment, DeploymentStatus.Queue, $"Deployment v{deployment.VersionNumber} queued ({kind})");
        ScheduleDeploymentStep(deployment);
        return deployment;
    }

    /// <summary>Moves a deployment one automatic step along (queue → building → deploying → deployed, terminating → sleeping).
    /// Returns false when its state has no automatic successor. Tests that disable timers call this directly.</summary>
    public bool AdvanceDeployment(Guid deploymentId)
    {
        lock (_sync)
        {
            var deployment = DeploymentList.FirstOrDefault(d => d.Id == deploymentId);
            return deployment is not null && Advance(deployment);
        }
    }

    private bool Advance(Deployment deployment)
    {
        var project = ProjectList.First(p => p.Id == deployment.ProjectId);
        switch (deployment.Status)
        {
            case DeploymentStatus.Queue:
                SetStatus(deployment, DeploymentStatus.Building);
                foreach (var line in BuildLines(deployment, project)) AppendBuildLog(deployment, DeploymentStatus.Building, line);
                break;
            case DeploymentStatus.Building when deployment.BuildFailureReason is not null:
                AppendBuildLog(deployment, DeploymentStatus.Building, "error: " + deployment.BuildFailureReason);
                SetStatus(deployment, DeploymentStatus.BuildError);
                return true;
            case DeploymentStatus.Building:
                AppendBuildLog(deployment, DeploymentStatus.Building, "Build completed successfully");
                deployment.ArtifactImage = $"registry.sandbox.local/{project.UniqueName}:v{deployment.VersionNumber}";
                SetStatus(deployment, DeploymentStatus.Deploying);
                AppendBuildLog(deployment, DeploymentStatus.Deploying, $"Rolling out {deployment.ArtifactImage}");
                break;
            case DeploymentStatus.Deploying when deployment.RolloutFailureReason is not null:
                AppendBuildLog(deployment, DeploymentStatus.Deploying, "error: " + deployment.RolloutFailureReason);
                AppendRuntimeLog(deployment, deployment.RolloutFailureReason);
                SetStatus(deployment, DeploymentStatus.Error);
                return true;
            case DeploymentStatus.Deploying:
                deployment.Extra["endpoint"] = ProjectEndpoint(project).ToString();
                AppendBuildLog(deployment, DeploymentStatus.Deploying, $"Deployed at {deployment.Extra["endpoint"]}");
                AppendRuntimeLog(deployment, "Container started");
                AppendRuntimeLog(deployment, $"Listening on port {(int?)deployment.Settings["port"] ?? 3000}");
                SetStatus(deployment, DeploymentStatus.Deployed);
                AutoPromote(project, deployment);
                if (WillCrash(deployment)) break; // schedules the crash
                return true;
            case DeploymentStatus.Deployed when WillCrash(deployment):
                AppendRuntimeLog(deployment, $"process exited with code 1 ({CrashMarker} is set); restarting");
                SetStatus(deployment, DeploymentStatus.Crashing);
                return true;
            case DeploymentStatus.Terminating:
                AppendRuntimeLog(deployment, "Container stopped");
                SetStatus(deployment, DeploymentStatus.Sleeping);
                return true;
            default:
                return false;
        }
        ScheduleDeploymentStep(deployment);
        return true;
    }

    private static bool WillCrash(Deployment deployment) =>
        deployment.Settings["runEnvs"] is JsonObject runEnvs && runEnvs.ContainsKey(CrashMarker);

    /// <summary>Schedules the next automatic step; it is skipped if the deployment moved on meanwhile (cancel, manual advance).</summary>
    internal void ScheduleDeploymentStep(Deployment deployment)
    {
        var expected = deployment.Status;
        AfterStepDelay(() =>
        {
            if (deployment.Status == expected) Advance(deployment);
        });
    }

    internal void SetStatus(Deployment deployment, string status)
    {
        deployment.Status = status;
        deployment.UpdatedAt = Now;
    }

    private static IEnumerable<string> BuildLines(Deployment deployment, Project project)
    {
        switch (deployment.Kind)
        {
            case "image":
                yield return $"Pulling image {(string?)deployment.Source["image"]}";
                yield return "Image pulled";
                yield break;
            case "vcs":
                yield return $"Cloning branch {(string?)deployment.Source["branch"]} at {(string?)deployment.Source["commit"]}";
                break;
            default:
                yield return $"Received {deployment.Files.Count} file(s)";
                break;
        }
        var settings = deployment.Settings;
        yield return $"Using runtime {(string?)settings["runtime"] ?? "auto"}, framework {(string?)settings["framework"] ?? "none"}";
        if ((string?)settings["installCommand"] is { Length: > 0 } install) yield return "$ " + install;
        if ((string?)settings["buildCommand"] is { Length: > 0 } build) yield return "$ " + build;
        yield return $"Building image for {project.UniqueName}";
    }

    private void AppendBuildLog(Deployment deployment, string stage, string text)
    {
        var now = Now;
        deployment.BuildLogs.Add(new BuildLogLine
        {
            Log = text,
            Stage = stage,
            LineNumber = deployment.BuildLogs.Count + 1,
            Ts = now,
            CreatedAt = now,
            DeploymentId = deployment.Id,
        });
    }

    internal void AppendRuntimeLog(Deployment deployment, string text) => deployment.RuntimeLogs.Add((Now, text));

    private void AutoPromote(Project project, Deployment deployment)
    {
        var branch = (string?)deployment.Source["branch"];
        foreach (var environment in EnvironmentList.Where(e => e.ProjectId == project.Id && e.IsAutoPromoteEnabled))
        {
            if (project.Type == ProjectType.Vcs && environment.Branch != branch) continue;
            environment.ProjectDeploymentId = deployment.Id;
            environment.UpdatedAt = Now;
        }
    }

    internal void WakeUp(Deployment deployment)
    {
        SetStatus(deployment, DeploymentStatus.Deploying);
        AppendBuildLog(deployment, DeploymentStatus.Deploying, "Waking up");
        ScheduleDeploymentStep(deployment);
    }

    internal void StartTerminating(Deployment deployment)
    {
        SetStatus(deployment, DeploymentStatus.Terminating);
        ScheduleDeploymentStep(deployment);
    }

    // Hits served by deployed apps.

    /// <summary>Records a request served by a deployed app (public so tests can add synthetic traffic).</summary>
    public void RecordHit(Guid projectId, Guid? environmentId, Guid deploymentId, string method, string path, int status, DateTimeOffset? time = null)
    {
        lock (_sync)
        {
            var hit = new Hit(time ?? Now, projectId, environmentId, deploymentId, method, path, status);
            HitList.Add(hit);
            TrimFront(HitList, Options.MaxRecordedHits);
            if (DeploymentList.FirstOrDefault(d => d.Id == deploymentId) is { } deployment)
            {
                deployment.RuntimeLogs.Add((hit.Time, $"{method} {path} {status}"));
                TrimFront(deployment.RuntimeLogs, MaxRuntimeLogLines);
            }
        }
    }
}
