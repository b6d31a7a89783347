using System;

namespace CreateOs.Core.Packaging
{
    /// <summary>The folder cannot be turned into an upload; the message says what to change.</summary>
    public sealed class PackagingException : Exception
    {
        public PackagingException(string message, string? path = null, Exception? inner = null)
            : base(message, inner)
        {
            Path = path;
        }

        /// <summary>The relative (or absolute, for the root) path the problem is about, when there is one.</summary>
        public string? Path { get; }
    }
}
