// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

// A CCIP lane on one dev chain around the real CCIP Router (v1.2 bytecode from
// @chainlink/contracts-ccip): a LINK fee token and WETH from @chainlink/local, a MockV3Aggregator
// feed, and a loopback OnRamp/OffRamp pair that speak the Router's interfaces and emit the v1.2
// ramp events (CCIPSendRequested, ExecutionStateChanged). The full OnRamp/OffRamp need a DON,
// a price registry and a commit store; these stand in for them so messages flow on one node.

import {WETH9} from "@chainlink/local/src/shared/WETH9.sol";
import {LinkToken} from "@chainlink/local/src/shared/LinkToken.sol";
import {MockV3Aggregator} from "@chainlink/local/src/data-feeds/MockV3Aggregator.sol";

struct EVMTokenAmount {
    address token;
    uint256 amount;
}

struct EVM2AnyMessage {
    bytes receiver;
    bytes data;
    EVMTokenAmount[] tokenAmounts;
    address feeToken;
    bytes extraArgs;
}

struct EVM2EVMMessage {
    uint64 sourceChainSelector;
    address sender;
    address receiver;
    uint64 sequenceNumber;
    uint256 gasLimit;
    bool strict;
    uint64 nonce;
    address feeToken;
    uint256 feeTokenAmount;
    bytes data;
    EVMTokenAmount[] tokenAmounts;
    bytes[] sourceTokenData;
    bytes32 messageId;
}

struct Any2EVMMessage {
    bytes32 messageId;
    uint64 sourceChainSelector;
    bytes sender;
    bytes data;
    EVMTokenAmount[] destTokenAmounts;
}

struct OnRampUpdate {
    uint64 destChainSelector;
    address onRamp;
}

struct OffRampUpdate {
    uint64 sourceChainSelector;
    address offRamp;
}

interface ICcipRouter {
    function applyRampUpdates(OnRampUpdate[] calldata onRamps, OffRampUpdate[] calldata removes, OffRampUpdate[] calldata adds) external;
    function acceptOwnership() external;
    function ccipSend(uint64 destinationChainSelector, EVM2AnyMessage calldata message) external payable returns (bytes32);
    function routeMessage(Any2EVMMessage calldata message, uint16 gasForCallExactCheck, uint256 gasLimit, address receiver)
        external returns (bool success, bytes memory retData, uint256 gasUsed);
}

interface IERC20Like {
    function approve(address spender, uint256 amount) external returns (bool);
    function transfer(address to, uint256 amount) external returns (bool);
}

/// The Router v1.2 asks its ARM proxy whether the network is cursed before every send and execution.
contract DevArm {
    function isCursed() external pure returns (bool) {
        return false;
    }
}

/// A message receiver that fails messages whose data is "fail", so executions can fail for real.
contract DevReceiver {
    uint256 public received;

    function ccipReceive(Any2EVMMessage calldata message) external {
        require(keccak256(message.data) != keccak256("fail"), "DevReceiver: asked to fail");
        received++;
    }
}

contract DevOnRamp {
    event CCIPSendRequested(EVM2EVMMessage message);

    address public immutable router;
    uint64 public immutable sourceChainSelector;
    uint256 public immutable flatFee;
    uint64 public sequenceNumber;

    constructor(address router_, uint64 sourceChainSelector_, uint256 flatFee_) {
        router = router_;
        sourceChainSelector = sourceChainSelector_;
        flatFee = flatFee_;
    }

    function getFee(uint64, EVM2AnyMessage calldata) external view returns (uint256) {
        return flatFee;
    }

    /// Transferred tokens stay with the ramp, as with a lock-release pool.
    function getPoolBySourceToken(uint64, address) external view returns (address) {
        return address(this);
    }

    function forwardFromRouter(uint64, EVM2AnyMessage calldata message, uint256 feeTokenAmount, address originalSender)
        external returns (bytes32)
    {
        require(msg.sender == router, "DevOnRamp: only the router");
        sequenceNumber++;
        EVM2EVMMessage memory sent = EVM2EVMMessage({
            sourceChainSelector: sourceChainSelector,
            sender: originalSender,
            receiver: abi.decode(message.receiver, (address)),
            sequenceNumber: sequenceNumber,
            gasLimit: 200_000,
            strict: false,
            nonce: sequenceNumber,
            feeToken: message.feeToken,
            feeTokenAmount: feeTokenAmount,
            data: message.data,
            tokenAmounts: message.tokenAmounts,
            sourceTokenData: new bytes[](message.tokenAmounts.length),
            messageId: bytes32(0)
        });
        sent.messageId = keccak256(abi.encode(sent.sourceChainSelector, sent.sender, sent.sequenceNumber, sent.data));
        emit CCIPSendRequested(sent);
        return sent.messageId;
    }
}

contract DevOffRamp {
    // Internal.MessageExecutionState: 0 untouched, 1 in progress, 2 success, 3 failure.
    event ExecutionStateChanged(uint64 indexed sequenceNumber, bytes32 indexed messageId, uint8 state, bytes returnData);

    address public immutable router;
    uint64 public immutable sourceChainSelector;

    constructor(address router_, uint64 sourceChainSelector_) {
        router = router_;
        sourceChainSelector = sourceChainSelector_;
    }

    function execute(uint64 sequenceNumber, bytes32 messageId, address sender, address receiver, bytes calldata data) external {
        Any2EVMMessage memory message = Any2EVMMessage({
            messageId: messageId,
            sourceChainSelector: sourceChainSelector,
            sender: abi.encode(sender),
            data: data,
            destTokenAmounts: new EVMTokenAmount[](0)
        });
        (bool success, bytes memory returned,) = ICcipRouter(router).routeMessage(message, 5_000, 200_000, receiver);
        emit ExecutionStateChanged(sequenceNumber, messageId, success ? 2 : 3, returned);
    }
}

/// Deploys the lane's parts, takes over the Router, and sends and executes messages on request.
contract DevCcipLane {
    uint64 public constant LOCAL_SELECTOR = 16015286601757825753;
    uint64 public constant REMOTE_SELECTOR = 3478487238524512106;

    WETH9 public immutable weth;
    LinkToken public immutable link;
    DevArm public immutable arm;
    DevReceiver public immutable receiver;
    MockV3Aggregator public immutable feed;
    address public router;
    DevOnRamp public onRamp;
    DevOffRamp public offRamp;
    uint64 public executed;

    constructor() {
        weth = new WETH9();
        link = new LinkToken();
        arm = new DevArm();
        receiver = new DevReceiver();
        feed = new MockV3Aggregator(8, 2000e8);
    }

    /// Called after the Router was deployed and its ownership offered to this lane.
    function connect(address router_) external {
        require(router == address(0), "DevCcipLane: connected already");
        router = router_;
        ICcipRouter(router_).acceptOwnership();
        onRamp = new DevOnRamp(router_, LOCAL_SELECTOR, 0.1 ether);
        offRamp = new DevOffRamp(router_, REMOTE_SELECTOR);
        OnRampUpdate[] memory onRamps = new OnRampUpdate[](1);
        onRamps[0] = OnRampUpdate(REMOTE_SELECTOR, address(onRamp));
        OffRampUpdate[] memory offRamps = new OffRampUpdate[](1);
        offRamps[0] = OffRampUpdate(REMOTE_SELECTOR, address(offRamp));
        ICcipRouter(router_).applyRampUpdates(onRamps, new OffRampUpdate[](0), offRamps);
        link.approve(router_, type(uint256).max);
        weth.approve(router_, type(uint256).max);
    }

    /// Sends a message through the Router paying the fee in LINK, with `wethAmount` WETH (from msg.value) transferred along.
    function send(string calldata data) external payable returns (bytes32) {
        EVMTokenAmount[] memory tokens = new EVMTokenAmount[](msg.value > 0 ? 1 : 0);
        if (msg.value > 0) {
            weth.deposit{value: msg.value}();
            tokens[0] = EVMTokenAmount(address(weth), msg.value);
        }
        EVM2AnyMessage memory message = EVM2AnyMessage({
            receiver: abi.encode(address(receiver)),
            data: bytes(data),
            tokenAmounts: tokens,
            feeToken: address(link),
            extraArgs: ""
        });
        return ICcipRouter(router).ccipSend(REMOTE_SELECTOR, message);
    }

    /// Executes a message on the OffRamp as if it arrived from the remote chain; data "fail" makes the receiver fail it.
    function execute(string calldata data) external {
        executed++;
        offRamp.execute(executed, keccak256(abi.encode("executed", executed)), msg.sender, address(receiver), bytes(data));
    }
}
