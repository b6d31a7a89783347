using System;
using System.Globalization;
using System.Net.Http;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Gateway
{
    /// <summary>
    /// Signs every gateway request (reference §2): X-Wallet-Address (checksummed, byte-identical to the signed text),
    /// X-Timestamp in Unix milliseconds, a fresh X-Nonce, and X-Signature = personal_sign("{wallet}:{timestamp}:{nonce}").
    /// Called once per attempt, so every retry carries a new nonce and timestamp.
    /// </summary>
    public sealed class GatewayAuthenticator
    {
        private readonly Func<EthereumKey> _key;
        private readonly Func<DateTimeOffset> _clock;

        public GatewayAuthenticator(Func<EthereumKey> key, Func<DateTimeOffset>? clock = null)
        {
            _key = key ?? throw new ArgumentNullException(nameof(key));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        public void Sign(HttpRequestMessage message)
        {
            var key = _key();
            var wallet = key.Address.ToChecksumString();
            var timestamp = _clock().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            var nonce = Guid.NewGuid().ToString();
            var signature = PersonalSign.Sign(key, $"{wallet}:{timestamp}:{nonce}");
            message.Headers.Remove("X-Wallet-Address");
            message.Headers.Remove("X-Timestamp");
            message.Headers.Remove("X-Nonce");
            message.Headers.Remove("X-Signature");
            message.Headers.TryAddWithoutValidation("X-Wallet-Address", wallet);
            message.Headers.TryAddWithoutValidation("X-Timestamp", timestamp);
            message.Headers.TryAddWithoutValidation("X-Nonce", nonce);
            message.Headers.TryAddWithoutValidation("X-Signature", signature);
        }
    }
}
