using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Chain;
using CreateOs.Core.Gateway;

namespace CreateOs.Commands.Mpp
{
    /// <summary>
    /// <para type="synopsis">Gets the chains and tokens the pay-per-deploy gateway accepts, and whether the module has them pinned.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MppChain")]
    [OutputType(typeof(MppChain))]
    public sealed class GetMppChainCommand : MppCmdlet
    {
        protected override string ErrorNoun => "MppChain";

        protected override void ProcessRecord()
        {
            var gateway = Gateway;
            TryInvoke(ActiveSession.GatewayUri, () =>
            {
                var chains = Await(ct => gateway.GetChainsAsync(ct));
                foreach (var chain in chains)
                {
                    chain.IsPinned = TokenRegistry.TryGetChain(chain.Chain, out var pinned) && pinned.ChainId == chain.ChainId;
                    WriteObject(chain);
                }
            });
        }
    }
}
