// Deploys a CCIP lane on an Ethereum JSON-RPC dev node (hardhat): the real CCIP Router v1.2 from
// the bytecode in @chainlink/contracts-ccip, LINK, WETH and a MockV3Aggregator from @chainlink/local,
// compiled here with solc-js (deploy/local/ccip/DevCcipLane.sol). Prints the addresses as JSON.
// Usage: node ccip-devnet.js <rpc url> <chainlink dir: the untarred npm packages and solc> [--demo-traffic]
// --demo-traffic then sends two messages through the Router (one with WETH along) and executes one.
"use strict";
const fs = require("fs");
const path = require("path");

const [rpcUrl, chainlinkDir, option] = process.argv.slice(2);
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
      outputSelection: { "DevCcipLane.sol": { "*": ["evm.bytecode.object", "evm.methodIdentifiers"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const errors = (output.errors || []).filter((e) => e.severity === "error");
  if (errors.length > 0) {
    throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  }
  return output.contracts["DevCcipLane.sol"];
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

async function main() {
  const contracts = compile();
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
  }
  console.log(JSON.stringify(addresses));
}

main().catch((error) => {
  console.error(error.message || error);
  process.exit(1);
});
