using CreateOs.Core.Packaging;
using Xunit;

namespace CreateOs.Core.Tests.Packaging;

internal static class PlanAssertions
{
    public static string[] Paths(this UploadPlan plan) => plan.Files.Select(f => f.RelativePath).ToArray();

    public static PackExclusion ExclusionOf(this UploadPlan plan, string path)
    {
        var exclusion = plan.Exclusions.SingleOrDefault(e => e.Path == path);
        Assert.True(exclusion != null, "expected '" + path + "' to be excluded; exclusions: " + string.Join("; ", plan.Exclusions));
        return exclusion!;
    }

    public static void AssertExcluded(this UploadPlan plan, string path, ExclusionKind kind, string? reasonContains = null)
    {
        var exclusion = plan.ExclusionOf(path);
        Assert.Equal(kind, exclusion.Kind);
        if (reasonContains != null) Assert.Contains(reasonContains, exclusion.Reason);
        Assert.DoesNotContain(path, plan.Paths());
    }

    public static void AssertIncluded(this UploadPlan plan, string path)
    {
        Assert.True(plan.Paths().Contains(path), "expected '" + path + "' to be uploaded; exclusions: " + string.Join("; ", plan.Exclusions));
    }
}
