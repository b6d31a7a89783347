namespace CreateOs.Bench;

/// <summary>One harness, run by name: <c>dotnet run -c Release --project bench/CreateOs.Bench -- &lt;name&gt; [args]</c>.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    /// <summary>Runs the harness, prints its measurements and the ratio to its baseline; returns 0 when the goal is met.</summary>
    Task<int> RunAsync(string[] args);
}
