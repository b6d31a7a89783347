using System;
using System.Collections.Generic;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>One EIP-2930 access list entry: an address and its 32-byte storage keys.</summary>
    public sealed class AccessListEntry
    {
        public AccessListEntry(EthereumAddress address, IReadOnlyList<byte[]>? storageKeys = null)
        {
            Address = address;
            StorageKeys = storageKeys ?? Array.Empty<byte[]>();
            foreach (var key in StorageKeys)
                if (key is null || key.Length != 32) throw new ArgumentException("Storage keys are 32 bytes.", nameof(storageKeys));
        }

        public EthereumAddress Address { get; }
        public IReadOnlyList<byte[]> StorageKeys { get; }

        internal byte[] Encode()
        {
            var keys = new byte[StorageKeys.Count][];
            for (int i = 0; i < keys.Length; i++) keys[i] = Rlp.EncodeString(StorageKeys[i]);
            return Rlp.EncodeList(Rlp.EncodeString(Address.ToBytes()), Rlp.EncodeList(keys));
        }

        internal static byte[] EncodeList(IReadOnlyList<AccessListEntry> entries)
        {
            var encoded = new byte[entries.Count][];
            for (int i = 0; i < encoded.Length; i++) encoded[i] = entries[i].Encode();
            return Rlp.EncodeList(encoded);
        }
    }
}
