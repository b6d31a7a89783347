// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title SandboxToken
/// @notice A minimal ERC-20 (6 decimals) that the CreateOs sandbox installs at the real
///         USDC/USDT addresses of local anvil chains. It stands in for USDC/USDT so that
///         payments can be rehearsed without real money.
/// @dev The sandbox installs the RUNTIME code with anvil_setCode, so no constructor ever runs.
///      Everything that a constructor would normally initialise lives in storage slots that the
///      sandbox writes with anvil_setStorageAt right after setCode:
///        slot 3  name   (Solidity short-string encoding, at most 31 bytes)
///        slot 4  symbol (same encoding)
///        slot 5  minter (the only address allowed to call mint)
///      The slot numbers are part of the contract's interface with the sandbox; a test checks them
///      against the storage layout that solc reports. Do not reorder the state variables.
contract SandboxToken {
    mapping(address account => uint256) private _balances;                          // slot 0
    mapping(address owner => mapping(address spender => uint256)) private _allowances; // slot 1
    uint256 private _totalSupply;                                                    // slot 2
    string private _name;                                                            // slot 3
    string private _symbol;                                                          // slot 4
    address private _minter;                                                         // slot 5

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

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
