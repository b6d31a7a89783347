using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Base64Url = CreateOs.Core.Gateway.Base64Url;

namespace CreateOs.Sandbox.State;

/// <summary>HS256-signed JWTs for project transfers: {projectId, fromUserId, iat, exp}.</summary>
public sealed class TransferTokens(byte[] signingKey)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    public string Issue(Guid projectId, Guid fromUserId, DateTimeOffset now)
    {
        var header = Base64Url.Encode(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
        var payload = Base64Url.Encode(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["projectId"] = projectId.ToString(),
            ["fromUserId"] = fromUserId.ToString(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
        }.ToJsonString()));
        return $"{header}.{payload}.{Sign(header + "." + payload)}";
    }

    /// <summary>The claims of a well-signed, unexpired token; null otherwise.</summary>
    public (Guid ProjectId, Guid FromUserId)? Validate(string? token, DateTimeOffset now)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 }) return null;
        var expected = Sign(parts[0] + "." + parts[1]);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[2]))) return null;
        try
        {
            var payload = JsonNode.Parse(Base64Url.Decode(parts[1]))!.AsObject();
            if ((long)payload["exp"]! <= now.ToUnixTimeSeconds()) return null;
            return (Guid.Parse((string)payload["projectId"]!), Guid.Parse((string)payload["fromUserId"]!));
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or System.Text.Json.JsonException or NullReferenceException)
        {
            return null;
        }
    }

    private string Sign(string text) => Base64Url.Encode(HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(text)));

}
