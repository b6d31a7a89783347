using System;

namespace CreateOs.Core.Validation
{
    /// <summary>Input that CreateOS would refuse, caught before any request is sent.</summary>
    public sealed class ValidationException : ArgumentException
    {
        public ValidationException(string field, object? value, string message)
            : base(message, field)
        {
            Field = field;
            Value = value;
        }

        public string Field { get; }
        public object? Value { get; }
    }
}
