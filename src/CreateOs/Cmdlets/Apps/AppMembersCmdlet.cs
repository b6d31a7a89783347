using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;

namespace CreateOs.Commands.Apps
{
    /// <summary>
    /// Adds or removes members (projects or services) of an app. Ids from the pipeline are collected and sent in one
    /// request per app at the end, since the API takes a list.
    /// </summary>
    public abstract class AppMembersCmdlet : CreateOsCmdlet
    {
        private readonly Dictionary<string, List<string>> _idsByApp = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The app; give it as a parameter when piping projects (a project's own AppId is its current app).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string AppId { get; set; } = "";

        protected override string ErrorNoun => "App";

        protected abstract string MemberKind { get; }
        protected abstract string Verb { get; }
        protected abstract IEnumerable<string> MemberIds { get; }
        protected abstract Task SendAsync(CreateOsClient api, string appId, IReadOnlyCollection<string> ids, CancellationToken ct);

        protected override void ProcessRecord()
        {
            if (!_idsByApp.TryGetValue(AppId, out var ids)) _idsByApp[AppId] = ids = new List<string>();
            foreach (var id in MemberIds)
                if (!ids.Contains(id, StringComparer.OrdinalIgnoreCase)) ids.Add(id);
        }

        protected override void EndProcessing()
        {
            var api = Api;
            foreach (var pair in _idsByApp)
            {
                if (pair.Value.Count == 0) continue;
                if (!ShouldProcess($"app {pair.Key}", $"{Verb} {MemberKind} {string.Join(", ", pair.Value)}")) continue;
                TryInvoke(pair.Key, () => Await(ct => SendAsync(api, pair.Key, pair.Value, ct)));
            }
        }
    }

    internal static class StringListExtensions
    {
        public static bool Contains(this List<string> list, string value, StringComparer comparer) => list.Exists(v => comparer.Equals(v, value));
    }
}
