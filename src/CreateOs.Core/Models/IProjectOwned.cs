namespace CreateOs.Core.Models
{
    /// <summary>An object that belongs to one project; lists of them may leave the project id out of each item.</summary>
    public interface IProjectOwned
    {
        string ProjectId { get; set; }
    }
}
