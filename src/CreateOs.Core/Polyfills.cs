// Lets netstandard2.0 code use C# 9+ init accessors and records.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
