using System;
using System.Globalization;
using System.Management.Automation;
using System.Numerics;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>
    /// A numeric parameter's allowed range, checked on the value as typed — before PowerShell converts it to the
    /// parameter's type — so <c>-Timeout 1e30</c> or <c>-MaxPaymentUsd 1e40</c> says which values are allowed instead of
    /// "Value was either too large or too small for an Int32". Values that are not numbers pass through to PowerShell's
    /// own conversion error.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class NumberRangeAttribute : ArgumentTransformationAttribute
    {
        public NumberRangeAttribute(double minimum, double maximum)
        {
            Minimum = minimum;
            Maximum = maximum;
        }

        public double Minimum { get; }

        public double Maximum { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (!TryRead(value, out var number)) return inputData;
            if (double.IsNaN(number) || number < Minimum || number > Maximum)
            {
                throw new ArgumentTransformationMetadataException(
                    $"{Convert.ToString(value, CultureInfo.InvariantCulture)} is out of range: give a number from {Minimum.ToString(CultureInfo.InvariantCulture)} to {Maximum.ToString(CultureInfo.InvariantCulture)}.");
            }
            return inputData;
        }

        private static bool TryRead(object? value, out double number)
        {
            switch (value)
            {
                case string text:
                    return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
                case BigInteger big:
                    number = (double)big;
                    return true;
                case IConvertible convertible when convertible.GetTypeCode() >= TypeCode.SByte && convertible.GetTypeCode() <= TypeCode.Decimal:
                    number = convertible.ToDouble(CultureInfo.InvariantCulture);
                    return true;
                default:
                    number = 0;
                    return false;
            }
        }
    }
}
