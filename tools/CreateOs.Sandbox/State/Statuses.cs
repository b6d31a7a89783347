namespace CreateOs.Sandbox.State;

/// <summary>Enum values of reference §5, as the wire spells them.</summary>
public static class ProjectStatus
{
    public const string Active = "active", Deleting = "deleting", Deleted = "deleted";
    public static readonly string[] All = [Active, Deleting, Deleted];
}

public static class ProjectType
{
    public const string Vcs = "vcs", Image = "image", Upload = "upload";
    public static readonly string[] All = [Vcs, Image, Upload];
}

public static class DeploymentStatus
{
    public const string Queue = "queue", Building = "building", Deploying = "deploying", Deployed = "deployed",
        BuildError = "build_error", Crashing = "crashing", Cancelled = "cancelled", Error = "error",
        Sleeping = "sleeping", Terminating = "terminating";

    public static readonly string[] Cancellable = [Queue, Building];
    public static readonly string[] Deletable = [Deployed, Deploying, Crashing];
    public static readonly string[] Assignable = [Deployed, Deploying, Crashing, Sleeping, Terminating];
}

public static class EnvironmentStatus
{
    public const string Active = "active", Updating = "updating", Promoting = "promoting", Resizing = "resizing", Deleting = "deleting";
}

public static class DomainStatus
{
    public const string Pending = "pending", Issuing = "issuing", Updating = "updating", Active = "active", Error = "error", Deleting = "deleting";
}

public static class ScanStatus
{
    public const string Pending = "pending", InProgress = "in_progress", Success = "success", Failed = "failed";
}
