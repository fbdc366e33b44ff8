// Deploys a CCIP lane on an Ethereum JSON-RPC dev node (hardhat): the real CCIP Router v1.2 from
// the bytecode in @chainlink/contracts-ccip, LINK, WETH and a MockV3Aggregator from @chainlink/local,
// compiled here with solc-js (deploy/local/ccip/DevCcipLane.sol). Prints the addresses as JSON.
// Usage: node ccip-devnet.js <rpc url> <chainlink dir: the untarred npm packages and solc> [--demo-traffic]
// --demo-traffic then sends two messages through the Router (one with WETH along) and executes one, and
// leaves a detached process behind that keeps the lane alive (node ccip-devnet.js <rpc url> <chainlink dir>
// --keep-alive <addresses JSON>): every few seconds a message is sent and, most of the time, the oldest
// pending one executed (so the pending count goes down as well as up); every minute the feed gets a new
// round. It stops by itself once the chain stops answering (./portal down).
"use strict";
const fs = require("fs");
const path = require("path");

const [rpcUrl, chainlinkDir, option, keepAliveAddresses] = process.argv.slice(2);
const TRAFFIC_INTERVAL_MS = 4_000;
const FEED_EVERY_TICKS = 15;
const STOP_AFTER_FAILED_TICKS = 5;
if (!rpcUrl || !chainlinkDir) {
  console.error("usage: node ccip-devnet.js <rpc url> <chainlink dir>");
  process.exit(2);
}
const dir = path.resolve(chainlinkDir);
const solc = require(path.join(dir, "node_modules/solc"));
const packages = {
  "@chainlink/local/": path.join(dir, "chainlink-local-0.2.9/package/"),
  "@chainlink/contracts-ccip/": path.join(dir, "chainlink-contracts-ccip-2.0.0/package/"),
  "@chainlink/contracts/": path.join(dir, "chainlink-contracts-1.5.0/package/"),
};

let rpcId = 0;
async function rpc(method, params) {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: ++rpcId, method, params }),
  });
  const answer = await response.json();
  if (answer.error) {
    throw new Error(`${method}: ${answer.error.message}`);
  }
  return answer.result;
}

function findImport(importPath) {
  for (const [prefix, root] of Object.entries(packages)) {
    if (importPath.startsWith(prefix)) {
      return { contents: fs.readFileSync(path.join(root, importPath.slice(prefix.length)), "utf8") };
    }
  }
  return { error: `cannot resolve ${importPath}` };
}

function compile() {
  const source = fs.readFileSync(path.join(__dirname, "ccip/DevCcipLane.sol"), "utf8");
  const input = {
    language: "Solidity",
    sources: { "DevCcipLane.sol": { content: source } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "paris",
      outputSelection: {
        "DevCcipLane.sol": { "*": ["evm.bytecode.object", "evm.methodIdentifiers"] },
        "@chainlink/local/src/data-feeds/MockV3Aggregator.sol": { MockV3Aggregator: ["evm.methodIdentifiers"] },
      },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const errors = (output.errors || []).filter((e) => e.severity === "error");
  if (errors.length > 0) {
    throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  }
  return {
    ...output.contracts["DevCcipLane.sol"],
    MockV3Aggregator: output.contracts["@chainlink/local/src/data-feeds/MockV3Aggregator.sol"].MockV3Aggregator,
  };
}

const word = (address) => address.toLowerCase().replace(/^0x/, "").padStart(64, "0");

function stringArgument(text) {
  const hex = Buffer.from(text, "utf8").toString("hex");
  return word("20") + text.length.toString(16).padStart(64, "0") + hex.padEnd(Math.ceil(hex.length / 64) * 64, "0");
}

async function transact(from, to, data, value = "0x0") {
  const hash = await rpc("eth_sendTransaction", [{ from, to, data, value, gas: "0xE4E1C0" }]);
  for (let i = 0; i < 200; i++) {
    const receipt = await rpc("eth_getTransactionReceipt", [hash]);
    if (receipt) {
      if (receipt.status !== "0x1") {
        throw new Error(`transaction ${hash} to ${to || "new contract"} reverted`);
      }
      return receipt;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`transaction ${hash} was not mined`);
}

async function call(to, selector) {
  const result = await rpc("eth_call", [{ to, data: "0x" + selector }, "latest"]);
  return "0x" + result.slice(-40);
}

const int256 = (value) => BigInt.asUintN(256, BigInt(value)).toString(16).padStart(64, "0");

function bytesArgument(hexData) {
  const length = hexData.length / 2;
  return length.toString(16).padStart(64, "0") + hexData.padEnd(Math.ceil(hexData.length / 64) * 64, "0");
}

/** The sequence number and message id of a CCIPSendRequested log (data: the EVM2EVMMessage tuple). */
function sentMessage(log) {
  const data = log.data.replace(/^0x/, "");
  const tuple = Number(BigInt("0x" + data.slice(0, 64))) * 2;
  const field = (index) => data.slice(tuple + index * 64, tuple + (index + 1) * 64);
  return { sequenceNumber: field(3), messageId: "0x" + field(12) };
}

/** Messages the OnRamp sent that the OffRamp has not executed yet, oldest first (also after a restart of this loop). */
async function pendingMessages(addresses) {
  const range = { fromBlock: "0x0", toBlock: "latest" };
  const sent = await rpc("eth_getLogs", [{ ...range, address: addresses.onRamp }]);
  const done = new Set((await rpc("eth_getLogs", [{ ...range, address: addresses.offRamp }]))
    .filter((log) => log.topics.length > 2).map((log) => log.topics[2].toLowerCase()));
  return sent.map(sentMessage).filter((message) => !done.has(message.messageId.toLowerCase()));
}

/**
 * Every tick a message is sent (one in five with WETH); about two ticks in three the oldest pending one is executed
 * on the OffRamp under its own message id (one in ten failing at the receiver), so the pending count moves both ways;
 * every FEED_EVERY_TICKS ticks the feed gets a new round, a small random step from the last answer.
 */
async function keepAlive(addresses, contracts) {
  const lane = contracts.DevCcipLane.evm.methodIdentifiers;
  const offRampExecute = contracts.DevOffRamp.evm.methodIdentifiers["execute(uint64,bytes32,address,address,bytes)"];
  const updateAnswer = contracts.MockV3Aggregator.evm.methodIdentifiers["updateAnswer(int256)"];
  const pending = await pendingMessages(addresses);
  let answer = 2000e8;
  let failedTicks = 0;
  for (let tick = 1; ; tick++) {
    try {
      // A chain started afresh on the same port has no lane: sending there would spend the deployer's nonces and move
      // where the next deployment lands, so the keep-alive of an old chain ends.
      if ((await rpc("eth_getCode", [addresses.lane, "latest"])) === "0x") {
        return;
      }
      const receipt = await transact(addresses.deployer, addresses.lane, "0x" + lane["send(string)"] + stringArgument(`tick ${tick}`),
        tick % 5 === 0 ? "0x2386f26fc10000" : "0x0");
      receipt.logs.filter((log) => log.address.toLowerCase() === addresses.onRamp.toLowerCase())
        .forEach((log) => pending.push(sentMessage(log)));
      if (pending.length > 0 && Math.random() < 0.67) {
        const message = pending.shift();
        const data = Buffer.from(Math.random() < 0.1 ? "fail" : `executed ${message.messageId.slice(0, 10)}`, "utf8").toString("hex");
        await transact(addresses.deployer, addresses.offRamp, "0x" + offRampExecute + message.sequenceNumber
          + message.messageId.slice(2) + word(addresses.lane) + word(addresses.receiver) + word("a0") + bytesArgument(data));
      }
      if (tick % FEED_EVERY_TICKS === 1) {
        answer = Math.max(1e8, Math.round(answer * (1 + (Math.random() - 0.5) / 50)));
        await transact(addresses.deployer, addresses.feed, "0x" + updateAnswer + int256(answer));
      }
      failedTicks = 0;
    } catch (error) {
      if (++failedTicks >= STOP_AFTER_FAILED_TICKS) {
        return;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, TRAFFIC_INTERVAL_MS));
  }
}

function startKeepAlive(addresses) {
  const { spawn } = require("child_process");
  spawn(process.execPath, [__filename, rpcUrl, chainlinkDir, "--keep-alive", JSON.stringify(addresses)],
    { detached: true, stdio: "ignore" }).unref();
}

async function main() {
  const contracts = compile();
  if (option === "--keep-alive") {
    await keepAlive(JSON.parse(keepAliveAddresses), contracts);
    return;
  }
  const lane = contracts.DevCcipLane;
  const ids = lane.evm.methodIdentifiers;
  const [deployer] = await rpc("eth_accounts", []);
  const laneAddress = (await transact(deployer, null, "0x" + lane.evm.bytecode.object)).contractAddress;
  const weth = await call(laneAddress, ids["weth()"]);
  const arm = await call(laneAddress, ids["arm()"]);
  const routerCode = fs.readFileSync(path.join(packages["@chainlink/contracts-ccip/"], "bytecode/v1_2_0/router.bin"), "utf8").trim();
  const router = (await transact(deployer, null, "0x" + routerCode.replace(/^0x/, "") + word(weth) + word(arm))).contractAddress;
  // transferOwnership(address): the lane accepts it in connect and wires its ramps
  await transact(deployer, router, "0xf2fde38b" + word(laneAddress));
  await transact(deployer, laneAddress, "0x" + ids["connect(address)"] + word(router));
  const addresses = {
    router,
    lane: laneAddress,
    onRamp: await call(laneAddress, ids["onRamp()"]),
    offRamp: await call(laneAddress, ids["offRamp()"]),
    feeToken: await call(laneAddress, ids["link()"]),
    weth,
    feed: await call(laneAddress, ids["feed()"]),
    receiver: await call(laneAddress, ids["receiver()"]),
    deployer,
    selectors: { send: ids["send(string)"], execute: ids["execute(string)"] },
  };
  if (option === "--demo-traffic") {
    await transact(deployer, laneAddress, "0x" + ids["send(string)"] + stringArgument("hello from local-devnet"));
    await transact(deployer, laneAddress, "0x" + ids["send(string)"] + stringArgument("with 0.25 WETH"), "0x3782dace9d90000");
    await transact(deployer, laneAddress, "0x" + ids["execute(string)"] + stringArgument("hello back"));
    startKeepAlive(addresses);
  }
  console.log(JSON.stringify(addresses));
}

main().catch((error) => {
  console.error(error.message || error);
  process.exit(1);
});
