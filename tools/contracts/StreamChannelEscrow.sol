// SPDX-License-Identifier: MIT
// A payment channel escrow for mpp4j's tests, written for this project from the interface the
// reference MPP client speaks (draft-tempo-session-00, "Contract Functions"; the v1
// TempoStreamChannel ABI): channels of TIP-20 tokens opened by a payer, paid out to the payee with
// EIP-712 vouchers of cumulative amounts, closed cooperatively by the payee or forcibly by the payer
// after a grace period. No constructor: it is installed with anvil_setCode and derives its domain
// from address(this) and block.chainid at run time.
pragma solidity 0.8.30;

interface ITip20 {
    function transfer(address to, uint256 amount) external returns (bool);

    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

contract StreamChannelEscrow {
    struct Channel {
        bool finalized;
        uint64 closeRequestedAt;
        address payer;
        address payee;
        address token;
        address authorizedSigner;
        uint128 deposit;
        uint128 settled;
    }

    uint64 public constant CLOSE_GRACE_PERIOD = 15 minutes;
    bytes32 public constant VOUCHER_TYPEHASH =
        keccak256("Voucher(bytes32 channelId,uint128 cumulativeAmount)");
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    uint256 private constant HALF_ORDER =
        0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    mapping(bytes32 => Channel) private channelsById;

    event ChannelOpened(
        bytes32 indexed channelId,
        address indexed payer,
        address indexed payee,
        address token,
        address authorizedSigner,
        bytes32 salt,
        uint256 deposit
    );
    event Settled(
        bytes32 indexed channelId,
        address indexed payer,
        address indexed payee,
        uint256 cumulativeAmount,
        uint256 deltaPaid,
        uint256 newSettled
    );
    event TopUp(
        bytes32 indexed channelId,
        address indexed payer,
        address indexed payee,
        uint256 additionalDeposit,
        uint256 newDeposit
    );
    event CloseRequested(
        bytes32 indexed channelId, address indexed payer, address indexed payee, uint256 closeGraceEnd
    );
    event CloseRequestCancelled(bytes32 indexed channelId, address indexed payer, address indexed payee);
    event ChannelClosed(
        bytes32 indexed channelId,
        address indexed payer,
        address indexed payee,
        uint256 settledToPayee,
        uint256 refundedToPayer
    );

    error ChannelAlreadyExists();
    error ChannelNotFound();
    error ChannelFinalized();
    error InvalidSignature();
    error InvalidPayee();
    error AmountExceedsDeposit();
    error AmountNotIncreasing();
    error DepositOverflow();
    error NotPayer();
    error NotPayee();
    error TransferFailed();
    error CloseNotReady();

    function domainSeparator() public view returns (bytes32) {
        return keccak256(
            abi.encode(
                DOMAIN_TYPEHASH,
                keccak256(bytes("Tempo Stream Channel")),
                keccak256(bytes("1")),
                block.chainid,
                address(this)
            )
        );
    }

    function computeChannelId(
        address payer,
        address payee,
        address token,
        bytes32 salt,
        address authorizedSigner
    ) public view returns (bytes32) {
        return keccak256(abi.encode(payer, payee, token, salt, authorizedSigner, address(this), block.chainid));
    }

    function getVoucherDigest(bytes32 channelId, uint128 cumulativeAmount) public view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(VOUCHER_TYPEHASH, channelId, cumulativeAmount));
        return keccak256(abi.encodePacked(hex"1901", domainSeparator(), structHash));
    }

    function getChannel(bytes32 channelId) external view returns (Channel memory) {
        return channelsById[channelId];
    }

    function open(
        address payee,
        address token,
        uint128 deposit,
        bytes32 salt,
        address authorizedSigner
    ) external returns (bytes32 channelId) {
        if (payee == address(0)) revert InvalidPayee();
        channelId = computeChannelId(msg.sender, payee, token, salt, authorizedSigner);
        if (channelsById[channelId].payer != address(0)) revert ChannelAlreadyExists();
        channelsById[channelId] = Channel(false, 0, msg.sender, payee, token, authorizedSigner, deposit, 0);
        if (!ITip20(token).transferFrom(msg.sender, address(this), deposit)) revert TransferFailed();
        emit ChannelOpened(channelId, msg.sender, payee, token, authorizedSigner, salt, deposit);
    }

    function settle(bytes32 channelId, uint128 cumulativeAmount, bytes calldata signature) external {
        Channel storage c = live(channelId);
        if (msg.sender != c.payee) revert NotPayee();
        if (cumulativeAmount > c.deposit) revert AmountExceedsDeposit();
        if (cumulativeAmount <= c.settled) revert AmountNotIncreasing();
        requireSigner(c, channelId, cumulativeAmount, signature);
        uint128 delta = cumulativeAmount - c.settled;
        c.settled = cumulativeAmount;
        pay(c.token, c.payee, delta);
        emit Settled(channelId, c.payer, c.payee, cumulativeAmount, delta, cumulativeAmount);
    }

    function topUp(bytes32 channelId, uint256 additionalDeposit) external {
        Channel storage c = live(channelId);
        if (msg.sender != c.payer) revert NotPayer();
        uint256 next = uint256(c.deposit) + additionalDeposit;
        if (next > type(uint128).max) revert DepositOverflow();
        c.deposit = uint128(next);
        if (!ITip20(c.token).transferFrom(msg.sender, address(this), additionalDeposit)) revert TransferFailed();
        emit TopUp(channelId, c.payer, c.payee, additionalDeposit, next);
        if (c.closeRequestedAt != 0) {
            c.closeRequestedAt = 0;
            emit CloseRequestCancelled(channelId, c.payer, c.payee);
        }
    }

    function close(bytes32 channelId, uint128 cumulativeAmount, bytes calldata signature) external {
        Channel storage c = live(channelId);
        if (msg.sender != c.payee) revert NotPayee();
        if (cumulativeAmount > c.deposit) revert AmountExceedsDeposit();
        uint128 toPayee = 0;
        if (cumulativeAmount > c.settled) {
            requireSigner(c, channelId, cumulativeAmount, signature);
            toPayee = cumulativeAmount - c.settled;
            c.settled = cumulativeAmount;
        }
        uint128 refund = c.deposit - c.settled;
        c.finalized = true;
        pay(c.token, c.payee, toPayee);
        pay(c.token, c.payer, refund);
        emit ChannelClosed(channelId, c.payer, c.payee, toPayee, refund);
    }

    function requestClose(bytes32 channelId) external {
        Channel storage c = live(channelId);
        if (msg.sender != c.payer) revert NotPayer();
        if (c.closeRequestedAt == 0) {
            c.closeRequestedAt = uint64(block.timestamp);
            emit CloseRequested(channelId, c.payer, c.payee, block.timestamp + CLOSE_GRACE_PERIOD);
        }
    }

    function withdraw(bytes32 channelId) external {
        Channel storage c = live(channelId);
        if (msg.sender != c.payer) revert NotPayer();
        if (c.closeRequestedAt == 0 || block.timestamp < uint256(c.closeRequestedAt) + CLOSE_GRACE_PERIOD) {
            revert CloseNotReady();
        }
        uint128 refund = c.deposit - c.settled;
        c.finalized = true;
        pay(c.token, c.payer, refund);
        emit ChannelClosed(channelId, c.payer, c.payee, 0, refund);
    }

    function live(bytes32 channelId) private view returns (Channel storage c) {
        c = channelsById[channelId];
        if (c.payer == address(0)) revert ChannelNotFound();
        if (c.finalized) revert ChannelFinalized();
    }

    function pay(address token, address to, uint128 amount) private {
        if (amount != 0 && !ITip20(token).transfer(to, amount)) revert TransferFailed();
    }

    function requireSigner(Channel storage c, bytes32 channelId, uint128 amount, bytes calldata signature)
        private
        view
    {
        bytes32 r;
        bytes32 s;
        uint8 v;
        if (signature.length == 65) {
            r = bytes32(signature[0:32]);
            s = bytes32(signature[32:64]);
            v = uint8(signature[64]);
        } else if (signature.length == 64) {
            r = bytes32(signature[0:32]);
            bytes32 vs = bytes32(signature[32:64]);
            s = vs & bytes32(0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff);
            v = uint8(uint256(vs) >> 255) + 27;
        } else {
            revert InvalidSignature();
        }
        if (v < 27) v += 27;
        if (uint256(s) > HALF_ORDER || (v != 27 && v != 28)) revert InvalidSignature();
        address signer = ecrecover(getVoucherDigest(channelId, amount), v, r, s);
        address expected = c.authorizedSigner != address(0) ? c.authorizedSigner : c.payer;
        if (signer == address(0) || signer != expected) revert InvalidSignature();
    }
}
