using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using CreateOs.Core.Http;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Gateway
{
    /// <summary>
    /// A 402 answer of POST /agent/deploy: the v1 quote of the JSON body (reference §5) and the v2 challenges of its
    /// headers (§11) — either or both.
    /// </summary>
    public sealed class PaymentQuote
    {
        public decimal AmountUsd { get; set; }
        /// <summary>Base units (6 decimals); null when the gateway left it out (then the client will not pay automatically).</summary>
        public BigInteger? AmountToken { get; set; }
        public decimal CurrentCreditBalanceUsd { get; set; }
        public int ActiveProjects { get; set; }
        public string PayTo { get; set; } = "";
        public string PaymentChain { get; set; } = "";
        public string Token { get; set; } = "usdc";
        public int Decimals { get; set; } = 6;

        /// <summary>ERC-20 decimals is a uint8.</summary>
        public const int MaxDecimals = 255;
        public List<MppChain> SupportedChains { get; set; } = new List<MppChain>();
        /// <summary>Case C: credits would suffice but are shared with active projects.</summary>
        public string? Warning { get; set; }
        public string? Error { get; set; }
        /// <summary>The gateway sent a payment v2 challenge (WWW-Authenticate: Payment or PAYMENT-REQUIRED).</summary>
        public bool IsPaymentV2 { get; set; }
        public string RawBody { get; set; } = "";
        /// <summary>The MPP challenges (one per offer) of the WWW-Authenticate headers.</summary>
        public IReadOnlyList<MppChallenge> MppChallenges { get; set; } = Array.Empty<MppChallenge>();
        /// <summary>The x402 v2 PAYMENT-REQUIRED header, if sent and readable.</summary>
        public X402PaymentRequired? X402 { get; set; }
        /// <summary>An RFC 9457 problem type of the body (payment-expired, verification-failed, invalid-challenge), if any.</summary>
        public string? ProblemType { get; set; }
        /// <summary>The body carries v1 terms to pay by transfer (pay_to and amount_token).</summary>
        public bool HasV1Terms => !string.IsNullOrEmpty(PayTo) && AmountToken.HasValue;

        public decimal AmountTokenDecimal => AmountToken.HasValue ? (decimal)AmountToken.Value / (decimal)BigInteger.Pow(10, Decimals) : 0m;

        public static PaymentQuote Parse(string rawBody, IReadOnlyDictionary<string, string> headers)
        {
            var isV2 = IsPaymentV2Challenge(headers);
            JObject body;
            try { body = CreateOs.Core.Http.Json.ParseUnambiguous(string.IsNullOrWhiteSpace(rawBody) ? "{}" : rawBody); }
            catch (Newtonsoft.Json.JsonException ex)
            {
                if (isV2)
                {
                    var bare = new PaymentQuote { RawBody = rawBody, IsPaymentV2 = true };
                    AddChallenges(bare, headers);
                    return bare;
                }
                throw new GatewayProtocolException("The gateway's 402 answer is not JSON that reads only one way: " + ex.Message);
            }

            var quote = new PaymentQuote
            {
                RawBody = rawBody,
                AmountUsd = QuoteNumbers.Amount(body["amount_usd"], "amount_usd") ?? 0m,
                AmountToken = QuoteNumbers.BaseUnits(body["amount_token"], "amount_token"),
                CurrentCreditBalanceUsd = QuoteNumbers.Amount(body["current_credit_balance_usd"], "current_credit_balance_usd") ?? 0m,
                ActiveProjects = (int)(QuoteNumbers.WholeNumber(body["active_projects"], "active_projects", 0, int.MaxValue) ?? 0),
                PayTo = body["pay_to"]?.ToString() ?? "",
                PaymentChain = body["payment_chain"]?.ToString() ?? "",
                Token = body["token"]?.ToString() ?? "usdc",
                Decimals = (int)(QuoteNumbers.WholeNumber(body["decimals"], "decimals", 0, MaxDecimals) ?? 6),
                Warning = body["warning"]?.ToString() ?? HeaderMap.Find(headers, "X-CreateOS-Credit-Warning"),
                Error = body["error"]?.ToString() ?? body["title"]?.ToString(),
                ProblemType = ProblemName(body["type"]?.ToString()),
            };
            if (body["supported_chains"] is JArray chains)
                quote.SupportedChains = chains.Select(c => c.ToObject<MppChain>()!).Where(c => c != null).ToList();
            quote.IsPaymentV2 = isV2;
            AddChallenges(quote, headers);
            return quote;
        }

        private static void AddChallenges(PaymentQuote quote, IReadOnlyDictionary<string, string> headers)
        {
            quote.MppChallenges = MppChallenge.ParseAll(HeaderMap.Find(headers, "WWW-Authenticate"));
            quote.X402 = X402PaymentRequired.Parse(HeaderMap.Find(headers, "PAYMENT-REQUIRED"));
        }


        /// <summary>"https://paymentauth.org/problems/payment-expired" → "payment-expired".</summary>
        private static string? ProblemName(string? type)
        {
            if (string.IsNullOrEmpty(type)) return null;
            var slash = type!.LastIndexOf('/');
            return slash >= 0 ? type.Substring(slash + 1) : type;
        }

        /// <summary>A v2 challenge: <c>WWW-Authenticate: Payment …</c> or an x402 <c>PAYMENT-REQUIRED</c> header (reference §11).</summary>
        public static bool IsPaymentV2Challenge(IReadOnlyDictionary<string, string> headers) =>
            (HeaderMap.Find(headers, "WWW-Authenticate")?.Split(',').Any(v => v.TrimStart().StartsWith("Payment", StringComparison.OrdinalIgnoreCase)) ?? false)
            || HeaderMap.Find(headers, "PAYMENT-REQUIRED") != null;

    }

    /// <summary>The gateway answered in a way the protocol does not allow; nothing is paid on such an answer.</summary>
    public sealed class GatewayProtocolException : Exception
    {
        public GatewayProtocolException(string message) : base(message) { }
    }
}
