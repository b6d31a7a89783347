// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title SandboxToken
/// @notice A minimal ERC-20 (6 decimals) with EIP-3009 transferWithAuthorization that the
///         CreateOs sandbox installs at the real USDC/USDT addresses of local anvil chains. It
///         stands in for USDC/USDT so that payments can be rehearsed without real money.
///         The EIP-712 domain and the authorization checks are those of Circle's FiatTokenV2_2:
///         a USDC installed with name "USD Coin" has the same domain as the real one.
/// @dev The sandbox installs the RUNTIME code with anvil_setCode, so no constructor ever runs.
///      Everything that a constructor would normally initialise lives in storage slots that the
///      sandbox writes with anvil_setStorageAt right after setCode:
///        slot 3  name   (Solidity short-string encoding, at most 31 bytes)
///        slot 4  symbol (same encoding)
///        slot 5  minter (the only address allowed to call mint)
///      Slot 6 (EIP-3009 authorization states) is a mapping, filled by use only.
///      The slot numbers are part of the contract's interface with the sandbox; a test checks them
///      against the storage layout that solc reports. Do not reorder the state variables.
contract SandboxToken {
    mapping(address account => uint256) private _balances;                          // slot 0
    mapping(address owner => mapping(address spender => uint256)) private _allowances; // slot 1
    uint256 private _totalSupply;                                                    // slot 2
    string private _name;                                                            // slot 3
    string private _symbol;                                                          // slot 4
    address private _minter;                                                         // slot 5
    mapping(address authorizer => mapping(bytes32 nonce => bool)) private _authorizationStates; // slot 6

    bytes32 public constant TRANSFER_WITH_AUTHORIZATION_TYPEHASH =
        keccak256("TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)");
    bytes32 private constant EIP712_DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant VERSION_HASH = keccak256("2");
    // secp256k1n / 2: like USDC's ECRecover, only the low-s form of a signature is accepted (no malleability).
    uint256 private constant HALF_CURVE_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);

    error InsufficientBalance(address account, uint256 balance, uint256 needed);
    error InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    error ZeroAddress();
    error NotMinter(address caller);

    function name() external view returns (string memory) {
        return _name;
    }

    function symbol() external view returns (string memory) {
        return _symbol;
    }

    function decimals() external pure returns (uint8) {
        return 6;
    }

    function totalSupply() external view returns (uint256) {
        return _totalSupply;
    }

    function balanceOf(address account) external view returns (uint256) {
        return _balances[account];
    }

    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    function minter() external view returns (address) {
        return _minter;
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        if (spender == address(0)) revert ZeroAddress();
        _allowances[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        // An allowance of type(uint256).max means "unlimited" and is never decreased (as in USDC).
        if (allowed != type(uint256).max) {
            if (allowed < value) revert InsufficientAllowance(msg.sender, allowed, value);
            unchecked {
                _allowances[from][msg.sender] = allowed - value;
            }
        }
        _transfer(from, to, value);
        return true;
    }

    /// @notice Creates `value` new tokens for `to`. Only the minter stored in slot 5 may call it;
    ///         the sandbox sends the call from that address via anvil_impersonateAccount.
    function mint(address to, uint256 value) external returns (bool) {
        if (msg.sender != _minter || msg.sender == address(0)) revert NotMinter(msg.sender);
        if (to == address(0)) revert ZeroAddress();
        _totalSupply += value;
        unchecked {
            // Cannot overflow: no balance exceeds the total supply, which the line above checked.
            _balances[to] += value;
        }
        emit Transfer(address(0), to, value);
        return true;
    }

    /// @notice EIP-712 version of the domain, as USDC's version().
    function version() external pure returns (string memory) {
        return "2";
    }

    /// @notice Computed on every call (as FiatTokenV2_2 does), so it follows block.chainid and the stored name.
    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return keccak256(abi.encode(EIP712_DOMAIN_TYPEHASH, keccak256(bytes(_name)), VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice True once the authorization (authorizer, nonce) has been used.
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool) {
        return _authorizationStates[authorizer][nonce];
    }

    /// @notice EIP-3009: moves `value` from `from` to `to` with `from`'s EIP-712 signature; anyone may submit it.
    ///         Revert messages are USDC's.
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        require(block.timestamp > validAfter, "FiatTokenV2: authorization is not yet valid");
        require(block.timestamp < validBefore, "FiatTokenV2: authorization is expired");
        require(!_authorizationStates[from][nonce], "FiatTokenV2: authorization is used or canceled");
        bytes32 structHash = keccak256(abi.encode(TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce));
        bytes32 digest = keccak256(abi.encodePacked(hex"1901", DOMAIN_SEPARATOR(), structHash));
        require(_recover(digest, v, r, s) == from, "FiatTokenV2: invalid signature");
        _authorizationStates[from][nonce] = true;
        emit AuthorizationUsed(from, nonce);
        _transfer(from, to, value);
    }

    function _recover(bytes32 digest, uint8 v, bytes32 r, bytes32 s) private pure returns (address) {
        require(uint256(s) <= HALF_CURVE_ORDER, "ECRecover: invalid signature 's' value");
        require(v == 27 || v == 28, "ECRecover: invalid signature 'v' value");
        address signer = ecrecover(digest, v, r, s);
        require(signer != address(0), "ECRecover: invalid signature");
        return signer;
    }

    function _transfer(address from, address to, uint256 value) private {
        if (to == address(0)) revert ZeroAddress();
        uint256 fromBalance = _balances[from];
        if (fromBalance < value) revert InsufficientBalance(from, fromBalance, value);
        unchecked {
            _balances[from] = fromBalance - value;
            _balances[to] += value;
        }
        emit Transfer(from, to, value);
    }
}
