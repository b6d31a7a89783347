using System;

namespace CreateOs.Core.Chain
{
    /// <summary>The chain/token combination is unknown, a refused lookalike, or unofficial without an explicit opt-in.</summary>
    public sealed class TokenNotAllowedException : InvalidOperationException
    {
        public TokenNotAllowedException(string message) : base(message) { }
    }
}
