using System.Runtime.CompilerServices;

// Lets the chain tests drive the anvil watchdog with a throwaway parent process.
[assembly: InternalsVisibleTo("CreateOs.Sandbox.Tests")]
