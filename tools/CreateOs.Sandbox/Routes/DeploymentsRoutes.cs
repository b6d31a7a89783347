using System.Text;
using System.Text.Json.Nodes;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>Deployments (reference §8.2) and their state machine (§7).</summary>
public static class DeploymentsRoutes
{
    private const string P = "/projects/{projectId}";
    private const string D = P + "/deployments/{deploymentId}";

    public static void Map(RouteGroupBuilder v1, SandboxState state)
    {
        v1.Post(P + "/deployments", async (HttpContext context, string projectId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                if (project.Type != ProjectType.Image) throw ApiException.WrongState("deployments with an image are only possible for image projects");
                SandboxState.RequireActive(project);
                var image = body.RequiredString("image");
                Validate.Length("image", image, 1, 255);
                RequireManualDeployQuota(state, project);
                var files = new Dictionary<string, byte[]>
                {
                    ["index.html"] = Encoding.UTF8.GetBytes($"<!doctype html><html><body><h1>{System.Net.WebUtility.HtmlEncode(image)}</h1><p>Served by the CreateOS sandbox for project {project.UniqueName}.</p></body></html>\n"),
                };
                var deployment = state.CreateDeployment(project, "image", new JsonObject { ["image"] = image }, project.Settings.DeepClone().AsObject(), files);
                return Api.CreatedId(deployment.Id, 200);
            }
        });

        v1.Post(P + "/trigger-latest", async (HttpContext context, string projectId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var branch = Query.OptionalString(context.Request, "branch") ?? body.OptionalString("branch");
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                var project = state.OwnedProject(user, projectId);
                if (project.Type != ProjectType.Vcs) throw ApiException.BadRequest("trigger-latest is only possible for vcs projects");
                if (project.Status != ProjectStatus.Active) throw ApiException.BadRequest("project is not active");
                var repository = ProjectsRoutes.RequireRepository(state, user, project.Source);
                branch ??= repository.DefaultBranch;
                var head = repository.Branches.FirstOrDefault(b => b.Name == branch) ?? throw ApiException.BadRequest($"branch '{branch}' not found in {repository.FullName}");
                if (project.Settings["ignoreBranches"] is JsonArray ignored && ignored.Any(b => (string?)b == branch))
                    throw ApiException.BadRequest($"branch '{branch}' is in settings.ignoreBranches");
                var running = state.DeploymentList.Any(d => d.ProjectId == project.Id
                    && d.Status is DeploymentStatus.Queue or DeploymentStatus.Building or DeploymentStatus.Deploying
                    && (string?)d.Source["commit"] == head.Commit.Sha);
                if (running) return Api.Message("deployment already triggered");
                var deployment = CreateVcsDeployment(state, project, repository, head, project.Settings);
                return Api.CreatedId(deployment.Id, 200);
            }
        });

        v1.Put(P + "/deployments/files", async (HttpContext context, string projectId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var files = ReadFiles(body, state.Options.MaxUploadFiles, base64: false);
            return CreateUploadDeployment(state, context, projectId, files);
        });

        v1.Put(P + "/deployments/files/base64", async (HttpContext context, string projectId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var files = ReadFiles(body, state.Options.MaxUploadFiles, base64: true);
            return CreateUploadDeployment(state, context, projectId, files);
        });

        v1.Put(P + "/deployments/upload-zip", async (HttpContext context, string projectId) =>
        {
            lock (state.SyncRoot) RequireUploadProject(state, context.CurrentUser(), projectId);
            var files = await ReadZipAsync(context.Request, state.Options.MaxZipBytes);
            return CreateUploadDeployment(state, context, projectId, files);
        });

        v1.Get(P + "/deployments", (HttpContext context, string projectId) =>
        {
            var page = Page.FromQuery(context.Request);
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                var deployments = state.DeploymentList.Where(d => d.ProjectId == project.Id).Reverse().ToList();
                return Api.Paged(deployments, page);
            }
        });

        v1.Get(D, (HttpContext context, string projectId, string deploymentId) =>
        {
            lock (state.SyncRoot) return Api.Ok(Find(state, context, projectId, deploymentId).Deployment);
        });

        v1.Get(D + "/build-logs", (HttpContext context, string projectId, string deploymentId) =>
        {
            var skip = Query.OptionalInt(context.Request, "skip") ?? 0;
            if (skip < 0) throw ApiException.BadRequest("skip must be 0 or greater");
            lock (state.SyncRoot) return Api.Ok(Find(state, context, projectId, deploymentId).Deployment.BuildLogs.Skip(skip).ToList());
        });

        v1.Get(D + "/deployment-logs", (HttpContext context, string projectId, string deploymentId) =>
        {
            var sinceSeconds = SinceSeconds(context.Request);
            lock (state.SyncRoot)
            {
                var (_, deployment) = Find(state, context, projectId, deploymentId);
                if (deployment.Status != DeploymentStatus.Deployed) throw ApiException.WrongState($"deployment is not deployed (status {deployment.Status})");
                return Api.Ok(RuntimeLog(state, deployment, sinceSeconds));
            }
        });

        v1.Post(D + "/retrigger", (HttpContext context, string projectId, string deploymentId) =>
        {
            var settingsSource = Query.OptionalString(context.Request, "settings") ?? "deployment";
            if (settingsSource is not ("project" or "deployment")) throw ApiException.BadRequest("settings must be project or deployment");
            var branch = Query.OptionalString(context.Request, "branch");
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                var (project, original) = Find(state, context, projectId, deploymentId);
                if (project.Type != ProjectType.Vcs) throw ApiException.WrongState("retrigger is only possible for vcs projects");
                SandboxState.RequireActive(project);
                var repository = ProjectsRoutes.RequireRepository(state, user, project.Source);
                branch ??= (string?)original.Source["branch"] ?? repository.DefaultBranch;
                var head = repository.Branches.FirstOrDefault(b => b.Name == branch) ?? throw ApiException.WrongState($"branch '{branch}' not found in {repository.FullName}");
                var settings = settingsSource == "project" ? project.Settings : original.Settings;
                CreateVcsDeployment(state, project, repository, head, settings);
                return Api.Message("deployment triggered");
            }
        });

        v1.Post(D + "/cancel", (HttpContext context, string projectId, string deploymentId) =>
        {
            lock (state.SyncRoot)
            {
                var (_, deployment) = Find(state, context, projectId, deploymentId);
                if (!DeploymentStatus.Cancellable.Contains(deployment.Status))
                    throw ApiException.WrongState($"deployment cannot be cancelled in status {deployment.Status}");
                state.SetStatus(deployment, DeploymentStatus.Cancelled);
                deployment.CancelledAt = state.Now;
                deployment.CancelReason = "cancelled by user";
                return Api.Message("deployment cancelled");
            }
        });

        v1.Delete(D, (HttpContext context, string projectId, string deploymentId) =>
        {
            lock (state.SyncRoot)
            {
                var (_, deployment) = Find(state, context, projectId, deploymentId);
                if (!DeploymentStatus.Deletable.Contains(deployment.Status))
                    throw ApiException.WrongState($"deployment cannot be deleted in status {deployment.Status}");
                state.StartTerminating(deployment);
                return Api.Message("deployment is being deleted");
            }
        });

        v1.Post(D + "/wakeup", (HttpContext context, string projectId, string deploymentId) =>
        {
            lock (state.SyncRoot)
            {
                var (_, deployment) = Find(state, context, projectId, deploymentId);
                if (deployment.Status != DeploymentStatus.Sleeping)
                    throw ApiException.WrongState($"only sleeping deployments can be woken up (status {deployment.Status})");
                state.WakeUp(deployment);
                return Api.Message("deployment is being woken up");
            }
        });

        v1.Get(D + "/download", (HttpContext context, string projectId, string deploymentId) =>
        {
            lock (state.SyncRoot)
            {
                var (project, deployment) = Find(state, context, projectId, deploymentId);
                if (project.Type != ProjectType.Upload) throw ApiException.WrongState("only deployments of upload projects can be downloaded");
                var token = state.Ids.NewHex(16);
                state.DownloadTokens[token] = (deployment.Id, state.Now.AddHours(1));
                return Api.Ok(new { downloadUri = new Uri(state.BaseUri, $"downloads/deployments/{token}.zip").ToString() });
            }
        });
    }

    private static (Project Project, Deployment Deployment) Find(SandboxState state, HttpContext context, string projectId, string deploymentId)
    {
        var project = state.OwnedProject(context.CurrentUser(), projectId);
        return (project, state.ProjectDeployment(project, deploymentId));
    }

    internal static int SinceSeconds(HttpRequest request)
    {
        var since = Query.OptionalInt(request, "since-seconds") ?? Query.OptionalInt(request, "sinceSeconds") ?? 60;
        if (since < 0) throw ApiException.BadRequest("since-seconds must be 0 or greater");
        return since;
    }

    internal static string RuntimeLog(SandboxState state, Deployment deployment, int sinceSeconds)
    {
        var from = state.Now.AddSeconds(-sinceSeconds);
        var text = new StringBuilder();
        foreach (var (time, line) in deployment.RuntimeLogs.Where(l => l.Time >= from))
            text.Append(SandboxJson.FormatTime(time)).Append(' ').Append(line).Append('\n');
        return text.ToString();
    }

    internal static Deployment CreateVcsDeployment(SandboxState state, Project project, GithubRepository repository, GithubBranch head, JsonObject settings)
    {
        var source = new JsonObject { ["branch"] = head.Name, ["commit"] = head.Commit.Sha, ["commitMessage"] = head.CommitMessage };
        var files = repository.Files.ToDictionary(f => f.Key, f => Encoding.UTF8.GetBytes(f.Value));
        return state.CreateDeployment(project, "vcs", source, settings.DeepClone().AsObject(), files);
    }

    private static void RequireManualDeployQuota(SandboxState state, Project project)
    {
        var manual = state.DeploymentList.Count(d => d.ProjectId == project.Id && d.Kind is "upload" or "image");
        if (manual >= state.Options.MaxManualDeploysPerProject)
            throw ApiException.QuotaReached($"manual deployment limit reached ({state.Options.MaxManualDeploysPerProject})");
    }

    private static Project RequireUploadProject(SandboxState state, SandboxUser user, string projectId)
    {
        var project = state.OwnedProject(user, projectId);
        if (project.Type != ProjectType.Upload) throw ApiException.WrongState("file uploads are only possible for upload projects");
        SandboxState.RequireActive(project);
        return project;
    }

    private static IResult CreateUploadDeployment(SandboxState state, HttpContext context, string projectId, Dictionary<string, byte[]> files)
    {
        lock (state.SyncRoot)
        {
            var project = RequireUploadProject(state, context.CurrentUser(), projectId);
            RequireManualDeployQuota(state, project);
            var deployment = state.CreateDeployment(project, "upload", new JsonObject(), project.Settings.DeepClone().AsObject(), files);
            return Api.CreatedId(deployment.Id, 200);
        }
    }

    private static Dictionary<string, byte[]> ReadFiles(Body body, int maxFiles, bool base64)
    {
        var array = body.RequiredArray("files");
        if (array.Count == 0) throw ApiException.BadRequest("files must contain at least one file");
        if (array.Count > maxFiles) throw ApiException.BadRequest($"files must contain at most {maxFiles} files");
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item) throw ApiException.BadRequest($"files[{i}] must be an object with path and content");
            var entry = Body.FromJson(item, $"files[{i}].");
            var path = NormalizePath(entry.RequiredString("path"), $"files[{i}].path");
            var content = entry.OptionalString("content") ?? throw ApiException.BadRequest($"files[{i}].content is required");
            if (!base64)
            {
                files[path] = Encoding.UTF8.GetBytes(content);
                continue;
            }
            try
            {
                files[path] = Convert.FromBase64String(content);
            }
            catch (FormatException)
            {
                throw ApiException.BadRequest($"files[{i}].content is not valid base64");
            }
        }
        return files;
    }

    internal static string NormalizePath(string raw, string field)
    {
        var path = raw.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal)) path = path[2..];
        path = path.TrimStart('/');
        if (path.Length == 0 || path.Length > 1024 || path.EndsWith('/') || path.Split('/').Any(s => s is "" or "." or ".."))
            throw ApiException.BadRequest($"{field} '{raw}' is not a valid relative file path");
        return path;
    }

    private static async Task<Dictionary<string, byte[]>> ReadZipAsync(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength is { } length && length > maxBytes + 1024 * 1024)
            throw ApiException.BadRequest($"file exceeds the {maxBytes / (1024 * 1024)} MB limit");
        if (!request.HasFormContentType) throw ApiException.BadRequest("file is required (multipart/form-data field 'file')");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            throw ApiException.BadRequest($"file exceeds the {maxBytes / (1024 * 1024)} MB limit or the form is malformed");
        }
        var file = form.Files.GetFile("file") ?? throw ApiException.BadRequest("file is required (multipart/form-data field 'file')");
        if (file.Length > maxBytes) throw ApiException.BadRequest($"file exceeds the {maxBytes / (1024 * 1024)} MB limit");
        try
        {
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            buffer.Position = 0;
            return ZipUpload.Extract(buffer, entry => NormalizePath(entry, "file entry"));
        }
        catch (ZipUploadException e)
        {
            throw ApiException.BadRequest("file " + e.Message);
        }
    }

}
