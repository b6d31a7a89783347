using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Gateway;

/// <summary>
/// The "downstream" of the gateway: creates an upload project and its deployment in the sandbox's CreateOS, owned by
/// one dedicated sandbox user for all gateway deploys. CreateOS's own rules apply here, so a violation surfaces as a 500
/// after payment, exactly like the real gateway (mpp-gateway.md §3 "Validation happens downstream").
/// </summary>
public sealed class GatewayDeployer(SandboxState sandbox)
{
    private readonly Lazy<SandboxUser> _user = new(() => sandbox.AddUser("gateway-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))));

    /// <summary>The sandbox user that owns every project deployed through the gateway.</summary>
    public SandboxUser User => _user.Value;

    public (Guid ProjectId, Guid DeploymentId) Deploy(GatewayDeployRequest request)
    {
        JsonObject settings;
        try
        {
            Validate.UniqueName("uniqueName", request.UniqueName);
            Validate.DisplayName("displayName", request.DisplayName);
            if (request.Description is not null) Validate.Description("description", request.Description);
            settings = ProjectSettingsRules.Validate(ProjectType.Upload, request.Settings);
            // Per upload form, as CreateOS's own upload routes: the files form takes at most 100 files, the zip form one zip of at most MaxZipBytes.
            if (request.ZipBytes is null && request.Files.Count > sandbox.Options.MaxUploadFiles)
                throw ApiException.BadRequest($"files must contain at most {sandbox.Options.MaxUploadFiles} files");
            if (request.ZipBytes > sandbox.Options.MaxZipBytes)
                throw ApiException.BadRequest($"file exceeds the {sandbox.Options.MaxZipBytes / (1024 * 1024)} MB limit");
        }
        catch (ApiException e)
        {
            throw Downstream(e.Message);
        }

        var user = User;
        lock (sandbox.SyncRoot)
        {
            if (sandbox.ProjectList.Any(p => p.Status != ProjectStatus.Deleted && p.UniqueName.Equals(request.UniqueName, StringComparison.OrdinalIgnoreCase)))
                throw Downstream($"project with uniqueName '{request.UniqueName}' already exists");
            var now = sandbox.Now;
            var project = new Project
            {
                Id = sandbox.Ids.NewId(),
                UniqueName = request.UniqueName,
                DisplayName = request.DisplayName,
                Description = request.Description,
                Type = ProjectType.Upload,
                Settings = settings,
                UserId = user.Id,
                CreatedAt = now,
                UpdatedAt = now,
            };
            sandbox.ProjectList.Add(project);
            var files = new Dictionary<string, byte[]>(request.Files, StringComparer.Ordinal);
            var deployment = sandbox.CreateDeployment(project, "upload", new JsonObject(), settings.DeepClone().AsObject(), files);
            return (project.Id, deployment.Id);
        }
    }

    private static GatewayException Downstream(string message) => new(500, "Deployment failed: " + message);
}
