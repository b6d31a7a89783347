using System.Diagnostics;
using System.Management.Automation;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests;

[Collection(SandboxCollection.Name)]
public class ErrorBehaviourTests
{
    private readonly SandboxFixture _fixture;

    public ErrorBehaviourTests(SandboxFixture fixture) => _fixture = fixture;

    [Fact]
    public void Not_connected_is_a_terminating_error_that_names_Connect_CreateOs()
    {
        using var ps = new PowerShellSession();
        // Terminating: try/catch sees it even with the default ErrorAction, and the rest of the try block does not run.
        var output = ps.Invoke("try { Get-CreateOsProject; 'continued' } catch { $_ }");
        var error = (ErrorRecord)output.Single().BaseObject;
        Assert.Contains("Connect-CreateOs", error.ToString());
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.StartsWith("CreateOs.SessionNotConnected", error.FullyQualifiedErrorId);
    }

    [Theory]
    [InlineData("Invoke-MppDeploy -Path . -Name abcd -Timeout 1e30", "Timeout", "1 to 86400")]
    [InlineData("Invoke-MppDeploy -Path . -Name abcd -MaxPaymentUsd 1e40", "MaxPaymentUsd", "0.01 to 100000")]
    [InlineData("Invoke-MppDeploy -Path . -Name abcd -Months 99999999999", "Months", "1 to 36")]
    [InlineData("Invoke-MppDeploy -Path . -Name abcd -Port 4294967296", "Port", "1 to 65535")]
    [InlineData("Resume-MppDeploy -Timeout '99999999999'", "Timeout", "1 to 86400")]
    [InlineData("Connect-CreateOs -ApiKey $key -TimeoutSec 1e30", "TimeoutSec", "1 to 3600")]
    [InlineData("Publish-CreateOsDeployment -ProjectId p -Path . -TimeoutMinutes 1e30", "TimeoutMinutes", "1 to 1440")]
    [InlineData("Get-CreateOsDeploymentLog -ProjectId p -DeploymentId d -Follow -PollIntervalSeconds 1e308", "PollIntervalSeconds", "0.01 to 60")]
    public void Overflowing_amounts_and_timeouts_name_the_allowed_range_instead_of_a_conversion_overflow(string command, string parameter, string range)
    {
        using var ps = new PowerShellSession();
        ps.SetVariable("key", PowerShellSession.Secure("skp_x"));
        ps.Invoke(command);
        var error = Assert.IsAssignableFrom<ParameterBindingException>(Assert.Single(ps.Errors).Exception);
        Assert.Contains("'" + parameter + "'", error.Message);
        Assert.Contains("is out of range: give a number from " + range, error.Message);
        Assert.DoesNotContain("too large or too small", error.Message);
    }

    [Theory]
    [InlineData("~", "it is your home folder")]
    [InlineData("/", "it is the root of a disk")]
    public void A_disk_root_or_the_home_folder_is_the_first_thing_Invoke_MppDeploy_refuses_not_a_missing_port(string path, string reason)
    {
        using var ps = new PowerShellSession();
        ps.Invoke($"Invoke-MppDeploy -Path {path} -Name home-or-root -WhatIf");
        var error = Assert.Single(ps.Errors);
        Assert.Contains(reason, error.Exception.Message);
        Assert.DoesNotContain("-Port", error.Exception.Message);
        Assert.StartsWith("CreateOs.MppDeployPackagingFailed", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void A_file_given_as_the_app_folder_is_called_a_file()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("createos-not-a-folder-").FullName, "index.js");
        File.WriteAllText(file, "console.log(1)");
        using var ps = new PowerShellSession();
        ps.Invoke($"Invoke-MppDeploy -Path '{file}' -Name not-a-folder -WhatIf");
        var error = Assert.Single(ps.Errors);
        Assert.Equal($"'{file}' is a file; pass the folder that holds the app.", error.Exception.Message);
        Assert.Equal(file, error.TargetObject);
    }

    [Fact]
    public void A_bad_api_key_is_an_AuthenticationError()
    {
        using var ps = new PowerShellSession();
        ps.Connect(_fixture.ApiUri, "skp_not_a_real_key");
        var output = ps.Invoke("try { Get-CreateOsProject; 'continued' } catch { $_ }");
        var error = (ErrorRecord)output.Single().BaseObject;
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.StartsWith("CreateOs.ProjectAuthenticationFailed", error.FullyQualifiedErrorId);
        Assert.Contains("401", error.Exception.Message);
    }

    [Fact]
    public void An_unknown_id_is_ObjectNotFound_with_the_id_as_target_and_the_pipeline_goes_on()
    {
        using var ps = _fixture.ConnectedSession();
        var missing = Guid.NewGuid().ToString();
        var output = ps.Invoke("Get-CreateOsProject -Id $args[0]; 'next'", missing);
        Assert.Equal("next", output.Single().ToString());
        var error = Assert.Single(ps.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(missing, error.TargetObject);
        Assert.StartsWith("CreateOs.ProjectNotFound", error.FullyQualifiedErrorId);
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.RecommendedAction));
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Fact]
    public void An_unknown_name_is_ObjectNotFound()
    {
        using var ps = _fixture.ConnectedSession();
        ps.Invoke("Get-CreateOsProject -Name no-such-project-here");
        var error = Assert.Single(ps.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("no-such-project-here", error.TargetObject);
    }

    [Theory]
    [InlineData("New-CreateOsProject -Name 'no' -DisplayName 'Valid Name' -Type upload -Framework express -Runtime node:20 -Confirm:$false", "Name")]
    [InlineData("New-CreateOsProject -Name 'bad_name!' -DisplayName 'Valid Name' -Type upload -Framework express -Runtime node:20 -Confirm:$false", "Name")]
    [InlineData("New-CreateOsProject -Name 'valid-name' -DisplayName ('x' * 49) -Type upload -Framework express -Runtime node:20 -Confirm:$false", "DisplayName")]
    [InlineData("New-CreateOsProject -Name 'valid-name' -DisplayName 'Valid Name' -Type image -Confirm:$false", "Port")]
    [InlineData("New-CreateOsProject -Name 'valid-name' -DisplayName 'Valid Name' -Type upload -Runtime cobol -Confirm:$false", "Runtime")]
    public void Invalid_input_fails_before_any_request(string script, string field)
    {
        using var ps = _fixture.ConnectedSession();
        var before = _fixture.Sandbox.State.Requests.Count;
        ps.Invoke(script);
        var error = Assert.Single(ps.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(field, error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, _fixture.Sandbox.State.Requests.Count);
    }

    [Fact]
    public void A_value_the_core_checks_under_another_name_is_reported_under_the_parameter_the_user_typed()
    {
        using var ps = _fixture.ConnectedSession();
        ps.Invoke("New-CreateOsProject -Name 'bad name!' -DisplayName 'Valid Name' -Type upload -Framework express -Runtime node:20 -Confirm:$false");
        var error = Assert.Single(ps.Errors);
        Assert.Equal("Name 'bad name!' may contain only letters, digits and hyphens. (Parameter 'Name')", error.ErrorDetails.Message);
        Assert.Equal("Correct -Name and run the command again; nothing was sent.", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Another_users_project_is_refused()
    {
        using var owner = _fixture.ConnectedSession();
        var name = $"owned-{Guid.NewGuid():N}"[..20];
        var id = owner.Invoke("(New-CreateOsProject -Name $args[0] -DisplayName 'Owned Project' -Type image -Port 80 -Confirm:$false).Id", name).Single().ToString();

        using var stranger = new PowerShellSession();
        stranger.Connect(_fixture.ApiUri, SandboxFixture.OtherUsersApiKey);
        stranger.Invoke("Get-CreateOsProject -Id $args[0]", id);
        var error = Assert.Single(stranger.Errors);
        Assert.Contains(error.CategoryInfo.Category, new[] { ErrorCategory.PermissionDenied, ErrorCategory.ObjectNotFound });
        Assert.Equal(id, error.TargetObject);
    }

    [Fact]
    public void Stopping_the_pipeline_cancels_a_slow_request_within_a_second()
    {
        using var ps = _fixture.ConnectedSession();
        var rule = _fixture.Sandbox.Faults.AddLatency("GET /v1/users/me", 20_000, count: 1);
        try
        {
            using var shell = PowerShell.Create();
            shell.Runspace = ps.Runspace;
            shell.AddScript("Get-CreateOsUser");
            var running = shell.BeginInvoke();
            WaitUntil(() => _fixture.Sandbox.State.Requests.Any(r => r.Path == "/v1/users/me" && r.Method == "GET"), TimeSpan.FromSeconds(10));
            var stopwatch = Stopwatch.StartNew();
            shell.Stop();
            // Far below the session timeout (100 s): only stopping can end the call this soon, even on a loaded machine.
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopwatch.Elapsed}");
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.True(running.IsCompleted);
        }
        finally
        {
            _fixture.Sandbox.Faults.Remove(rule.Id);
        }
    }

    [Fact]
    public void Transient_5xx_answers_are_retried_and_reported_verbosely()
    {
        using var ps = _fixture.ConnectedSession();
        var rule = _fixture.Sandbox.Faults.AddStatus("GET /v1/quotas", 503, count: 1, retryAfterSeconds: 0);
        try
        {
            var quotas = ps.Invoke("Get-CreateOsQuota -Verbose");
            Assert.NotEmpty(quotas);
            Assert.Empty(ps.Errors);
            Assert.Contains(ps.Verbose, v => v.Message.Contains("HTTP 503") && v.Message.Contains("retrying"));
        }
        finally
        {
            _fixture.Sandbox.Faults.Remove(rule.Id);
        }
    }

    private static void WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in time");
            Thread.Sleep(20);
        }
    }
}
