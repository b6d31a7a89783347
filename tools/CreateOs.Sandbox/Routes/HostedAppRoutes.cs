using System.IO.Compression;
using System.Text;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;
using Microsoft.AspNetCore.StaticFiles;

namespace CreateOs.Sandbox.Routes;

/// <summary>
/// What deployed apps "serve": /apps/{project}/… serves the project's newest deployed deployment and
/// /apps/{project}.{environment}/… the deployment assigned to that environment. Every request is a hit for analytics.
/// Also the signed download links handed out by the API.
/// </summary>
public static class HostedAppRoutes
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void Map(WebApplication app, SandboxState state)
    {
        app.Any("/apps/{site}/{**path}", (context, values) => ServeOrRedirect(state, context, values[0], values[1]));

        // A request whose Host is an active custom domain assigned to an environment goes to that environment's app,
        // e.g. curl -H "Host: www.example.com" http://127.0.0.1:PORT/
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var site = path.StartsWithSegments("/v1") || path.StartsWithSegments("/sandbox") || path.StartsWithSegments("/health")
                ? null
                : CustomDomainSite(state, context.Request.Host.Host);
            if (site is null) await next(context);
            else await Serve(state, context, site, path.Value?.TrimStart('/') ?? "").ExecuteAsync(context);
        });

        app.Get("/downloads/deployments/{file}", (_, file) =>
        {
            lock (state.SyncRoot)
            {
                var token = Path.GetFileNameWithoutExtension(file);
                if (!state.DownloadTokens.TryGetValue(token, out var grant) || grant.ExpiresAt <= state.Now) return Results.NotFound();
                var deployment = state.DeploymentList.First(d => d.Id == grant.DeploymentId);
                return Results.File(Zip(deployment.Files), "application/zip", $"deployment-{deployment.Id}.zip");
            }
        });

        app.Get("/downloads/security-scans/{file}", (_, file) =>
        {
            lock (state.SyncRoot)
            {
                var token = Path.GetFileNameWithoutExtension(file);
                if (!state.ScanDownloadTokens.TryGetValue(token, out var grant) || grant.ExpiresAt <= state.Now) return Results.NotFound();
                var scan = state.ScanList.First(s => s.Id == grant.ScanId);
                return Results.Text(scan.ParsedReport?.ToJsonString() ?? "{}", "application/json");
            }
        });

        app.Get("/transfer", context => Results.Text(
            $"To accept this project transfer, call GET /v1/projects/{context.Request.Query["projectId"]}/transfer?token=<token> with the recipient's API key.\n",
            "text/plain"));
    }

    private static string? CustomDomainSite(SandboxState state, string host)
    {
        lock (state.SyncRoot)
        {
            var domain = state.DomainList.FirstOrDefault(d => d.Status == DomainStatus.Active && d.EnvironmentId is not null && d.Name.Equals(host, StringComparison.OrdinalIgnoreCase));
            var environment = state.EnvironmentList.FirstOrDefault(e => e.Id == domain?.EnvironmentId);
            var project = state.ProjectList.FirstOrDefault(p => p.Id == environment?.ProjectId);
            return project is null ? null : $"{project.UniqueName}.{environment!.UniqueName}";
        }
    }

    private static IResult ServeOrRedirect(SandboxState state, HttpContext context, string site, string path) =>
        path.Length == 0 && !(context.Request.Path.Value ?? "").EndsWith('/')
            ? Results.Redirect($"/apps/{site}/{context.Request.QueryString}") // relative links in index.html need the slash
            : Serve(state, context, site, path);

    private static IResult Serve(SandboxState state, HttpContext context, string site, string path)
    {
        lock (state.SyncRoot)
        {
            var target = Resolve(state, site);
            if (target is null) return Results.Text($"no deployed app at /apps/{site}/\n", "text/plain", statusCode: 404);
            var (project, environmentId, deployment) = target.Value;
            var requestPath = "/" + path;
            var (status, result) = Lookup(deployment, project, path, context.Request.Method);
            state.RecordHit(project.Id, environmentId, deployment.Id, context.Request.Method, requestPath, status);
            return result;
        }
    }

    private static (Project Project, Guid? EnvironmentId, Deployment Deployment)? Resolve(SandboxState state, string site)
    {
        var dot = site.IndexOf('.');
        var projectName = dot < 0 ? site : site[..dot];
        var projects = state.ProjectList
            .Where(p => p.Status == ProjectStatus.Active && p.UniqueName.Equals(projectName, StringComparison.OrdinalIgnoreCase))
            .Reverse();
        foreach (var project in projects)
        {
            if (dot >= 0)
            {
                var environmentName = site[(dot + 1)..];
                var environment = state.EnvironmentList.FirstOrDefault(e => e.ProjectId == project.Id && e.UniqueName.Equals(environmentName, StringComparison.OrdinalIgnoreCase));
                var assigned = state.DeploymentList.FirstOrDefault(d => d.Id == environment?.ProjectDeploymentId && d.Status == DeploymentStatus.Deployed);
                if (environment is not null && assigned is not null) return (project, environment.Id, assigned);
                continue;
            }
            var deployment = state.DeploymentList.LastOrDefault(d => d.ProjectId == project.Id && d.Status == DeploymentStatus.Deployed);
            if (deployment is null) continue;
            var servingEnvironment = state.EnvironmentList.FirstOrDefault(e => e.ProjectDeploymentId == deployment.Id);
            return (project, servingEnvironment?.Id, deployment);
        }
        return null;
    }

    private static (int Status, IResult Result) Lookup(Deployment deployment, Project project, string path, string method)
    {
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
            return (405, Results.Text("method not allowed\n", "text/plain", statusCode: 405));
        path = path.Trim('/');
        string[] candidates = path.Length == 0 ? ["index.html"] : [path, path + "/index.html"];
        foreach (var candidate in candidates)
        {
            if (!deployment.Files.TryGetValue(candidate, out var content)) continue;
            if (!ContentTypes.TryGetContentType(candidate, out var contentType)) contentType = "application/octet-stream";
            return (200, Results.Bytes(content, contentType));
        }
        if (path.Length == 0)
        {
            var page = $"<!doctype html><html><body><h1>{project.UniqueName}</h1><p>Deployment v{deployment.VersionNumber} is running in the CreateOS sandbox.</p></body></html>\n";
            return (200, Results.Content(page, "text/html", Encoding.UTF8));
        }
        return (404, Results.Text("404 page not found\n", "text/plain", statusCode: 404));
    }

    internal static byte[] Zip(Dictionary<string, byte[]> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }
}
