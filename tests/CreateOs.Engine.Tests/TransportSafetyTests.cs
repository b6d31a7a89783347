using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests;

/// <summary>
/// Issue 11, items 10 and 13 through the cmdlets: an API key never leaves in cleartext for another machine, and a chain
/// RPC that accepts the connection and never answers ends in an OperationTimeout naming it, not in a hang.
/// </summary>
public class TransportSafetyTests
{
    [Theory]
    [InlineData("-ApiUri http://192.0.2.10")]
    [InlineData("-GatewayUri http://192.0.2.10:8080")]
    [InlineData("-SandboxUri http://192.0.2.10:8787")]
    [InlineData("-ChainRpcUri @{ base = 'http://192.0.2.10:8545' }")]
    public void Cleartext_to_another_machine_is_refused_when_connecting(string endpoint)
    {
        using var ps = new PowerShellSession();
        ps.SetVariable("__key", PowerShellSession.Secure("skp_cleartext"));
        // Terminating: the rest of the try block does not run.
        var failure = (ErrorRecord)ps.Invoke($"try {{ Connect-CreateOs -ApiKey $__key {endpoint}; 'continued' }} catch {{ $_ }}").Single().BaseObject;
        Assert.Equal("CreateOs.SessionInsecureTransport", failure.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.SecurityError, failure.CategoryInfo.Category);
        Assert.Contains("-AllowInsecureTransport", failure.ToString());
        Assert.False((bool)ps.Invoke("(Get-CreateOsContext).IsConnected").Single().BaseObject);
    }

    [Fact]
    public void The_explicit_switch_allows_cleartext_for_that_connection_only()
    {
        using var ps = new PowerShellSession();
        ps.SetVariable("__key", PowerShellSession.Secure("skp_cleartext"));
        ps.Invoke("Connect-CreateOs -ApiKey $__key -ApiUri http://192.0.2.10 -AllowInsecureTransport");
        Assert.Empty(ps.Errors);
        Assert.True((bool)ps.Invoke("(Get-CreateOsContext).AllowInsecureTransport").Single().BaseObject);
        ps.Invoke("Connect-CreateOs -ApiKey $__key -ApiUri https://api.example.test");
        Assert.Empty(ps.Errors);
        Assert.False((bool)ps.Invoke("(Get-CreateOsContext).AllowInsecureTransport").Single().BaseObject);
        Assert.IsType<ErrorRecord>(ps.Invoke("try { Connect-CreateOs -ApiKey $__key -ApiUri http://192.0.2.11 } catch { $_ }").Single().BaseObject);
        Assert.Equal("https://api.example.test/", ps.Invoke("(Get-CreateOsContext).ApiUri.AbsoluteUri").Single().BaseObject);
    }

    [Fact]
    public async Task A_sandbox_that_lists_a_public_rpc_is_not_taken_at_its_word()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var info = $"{{\"apiUri\":\"http://127.0.0.1:{port}/\",\"gatewayUri\":\"http://127.0.0.1:{port}/\",\"chains\":[{{\"name\":\"arbitrum\",\"chainId\":42161,\"rpcUrl\":\"https://arb1.arbitrum.io/rpc\"}}]}}";
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var buffer = new byte[8192];
            await socket.ReceiveAsync(buffer, SocketFlags.None);
            var body = System.Text.Encoding.UTF8.GetBytes(info);
            await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n").Concat(body).ToArray(), SocketFlags.None);
        });

        using var ps = new PowerShellSession();
        ps.SetVariable("__key", PowerShellSession.Secure("skp_fake_sandbox"));
        var failure = (ErrorRecord)ps.Invoke("try { Connect-CreateOs -ApiKey $__key -SandboxUri $args[0]; 'continued' } catch { $_ }", $"http://127.0.0.1:{port}").Single().BaseObject;
        await server;
        Assert.Equal("CreateOs.SessionChainNotAvailable", failure.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("lists https://arb1.arbitrum.io for arbitrum", failure.ToString());
        Assert.Empty(ps.Invoke("(Get-CreateOsContext).ChainRpcUris.Keys"));
        Assert.False((bool)ps.Invoke("(Get-CreateOsContext).IsConnected").Single().BaseObject);
    }

    [Fact]
    public async Task A_chain_rpc_that_never_answers_is_an_operation_timeout_naming_it()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new List<Socket>();
        var server = Task.Run(async () =>
        {
            try
            {
                while (true) accepted.Add(await listener.AcceptSocketAsync());
            }
            catch (SocketException) { }
            catch (ObjectDisposedException) { }
        });

        using var ps = new PowerShellSession();
        ps.Invoke("$ctx = Get-CreateOsContext; $ctx.ChainRpcUris['arbitrum'] = $args[0]; $ctx.RpcTimeout = [TimeSpan]::FromSeconds(1)", $"http://127.0.0.1:{port}/");
        var watch = Stopwatch.StartNew();
        ps.Invoke("Get-WalletBalance -Address 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 -Chain arbitrum");
        watch.Stop();
        listener.Stop();
        foreach (var socket in accepted) socket.Dispose();
        await server;

        var error = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.WalletBalanceChainTimeout", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains($"no answer from the RPC endpoint http://127.0.0.1:{port} within 1 s", error.ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }
}
