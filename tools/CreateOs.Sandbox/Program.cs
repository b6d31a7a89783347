using CreateOs.Sandbox;

// Command line: --urls URL[;URL] --api-key KEY [--api-key KEY2 | --extra-api-key KEY2] [--seed N] [--step-delay-ms N]
var options = new SandboxOptions();
var generatedKey = true;
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--urls":
            options.Urls = Value();
            break;
        case "--api-key":
        case "--extra-api-key":
            options.ApiKeys.Add(Value());
            generatedKey = false;
            break;
        case "--seed":
            options.Seed = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--step-delay-ms":
            options.StepDelay = TimeSpan.FromMilliseconds(int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture));
            break;
        case "--max-projects":
            options.MaxProjects = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--verbose":
            options.LogLevel = LogLevel.Information;
            break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'");
            Console.Error.WriteLine("usage: CreateOs.Sandbox [--urls http://127.0.0.1:PORT] [--api-key KEY]... [--extra-api-key KEY] [--seed N] [--step-delay-ms N] [--max-projects N] [--verbose]");
            return 2;
    }
}

await using var host = await SandboxHost.StartAsync(options);
if (generatedKey) Console.WriteLine($"API key: {host.ApiKey}");
Console.WriteLine($"Sandbox listening on {host.BaseUri.ToString().TrimEnd('/')}");
await host.WaitForShutdownAsync();
return 0;
