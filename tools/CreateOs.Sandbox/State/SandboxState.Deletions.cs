namespace CreateOs.Sandbox.State;

/// <summary>Domains (pending → refresh → issuing → active; deleting → removed) and project deletion (deleting → deleted).</summary>
public sealed partial class SandboxState
{
    internal void ScheduleDomainStep(Domain domain) => AfterStepDelay(() => AdvanceDomain(domain));

    private void AdvanceDomain(Domain domain)
    {
        switch (domain.Status)
        {
            case DomainStatus.Issuing:
                domain.Status = DomainStatus.Active;
                domain.Message = null;
                domain.DomainCertificateId ??= Ids.NewId();
                domain.UpdatedAt = Now;
                break;
            case DomainStatus.Deleting:
                DomainList.Remove(domain);
                break;
        }
    }

    internal void ScheduleProjectDeletion(Project project) => AfterStepDelay(() => FinishProjectDeletion(project));

    private void FinishProjectDeletion(Project project)
    {
        if (project.Status != ProjectStatus.Deleting) return;
        project.Status = ProjectStatus.Deleted;
        project.DeletedAt = Now;
        project.UpdatedAt = Now;
        foreach (var deployment in DeploymentList.Where(d => d.ProjectId == project.Id && DeploymentStatus.Assignable.Contains(d.Status)))
            SetStatus(deployment, DeploymentStatus.Sleeping);
    }
}
