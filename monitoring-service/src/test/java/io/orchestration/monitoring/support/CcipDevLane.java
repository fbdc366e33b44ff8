package io.orchestration.monitoring.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.testing.HardhatDevChain;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint80;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CCIP lane deployed on a dev chain by {@code deploy/local/ccip-devnet.js}: the real CCIP Router
 * v1.2 from npm's bytecode, LINK, WETH and a MockV3Aggregator from {@code @chainlink/local}. Sends
 * and executes messages and moves the feed with real transactions.
 */
public final class CcipDevLane {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CHAINLINK_DIR = ROOT.resolve(".portal/chainlink");
    private static final Path SCRIPT = ROOT.resolve("deploy/local/ccip-devnet.js");

    private final HardhatDevChain chain;
    private final JsonNode addresses;

    private CcipDevLane(HardhatDevChain chain, JsonNode addresses) {
        this.chain = chain;
        this.addresses = addresses;
    }

    public static CcipDevLane deploy(HardhatDevChain chain) throws Exception {
        if (!Files.isDirectory(CHAINLINK_DIR.resolve("node_modules/solc"))) {
            throw new IllegalStateException("The Chainlink packages and solc are not in " + CHAINLINK_DIR
                    + ": run ./portal test once, or source deploy/local/common.sh and deploy/local/platform-peers.sh and run ensure_chainlink_packages");
        }
        Path log = Files.createDirectories(Path.of("target")).resolve("ccip-devnet-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(List.of("node", SCRIPT.toString(), chain.url(), CHAINLINK_DIR.toString()))
                .redirectError(log.toFile())
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("ccip-devnet.js failed: " + output + "\n" + Files.readString(log));
        }
        return new CcipDevLane(chain, new ObjectMapper().readTree(output.strip()));
    }

    public String address(String name) {
        return addresses.path(name).asText();
    }

    /** Sends a message through the Router, paying 0.1 LINK, with {@code wei} of WETH transferred along when above 0. */
    public void send(String data, BigInteger wei) throws Exception {
        transact(address("lane"), new Function("send", List.<Type>of(new Utf8String(data)), List.of()), wei);
    }

    /** Executes a message on the OffRamp; data "fail" makes the receiver fail it. */
    public void execute(String data) throws Exception {
        transact(address("lane"), new Function("execute", List.<Type>of(new Utf8String(data)), List.of()), BigInteger.ZERO);
    }

    /** A new round of the feed with {@code answer} (8 decimals) now. */
    public void updateFeed(long answer) throws Exception {
        transact(address("feed"), new Function("updateAnswer", List.<Type>of(new Int256(answer)), List.of()), BigInteger.ZERO);
    }

    /** A round of the feed updated {@code secondsAgo} in the past. */
    public void backdateFeed(long roundId, long answer, long secondsAgo) throws Exception {
        long at = System.currentTimeMillis() / 1000 - secondsAgo;
        transact(address("feed"), new Function("updateRoundData", List.<Type>of(new Uint80(roundId), new Int256(answer),
                new Uint256(at), new Uint256(at)), List.of()), BigInteger.ZERO);
    }

    private void transact(String to, Function function, BigInteger value) throws Exception {
        String answer = chain.rpc("eth_sendTransaction", "[{\"from\": \"" + address("deployer") + "\", \"to\": \"" + to
                + "\", \"gas\": \"0x7A1200\", \"value\": \"0x" + value.toString(16) + "\", \"data\": \"" + FunctionEncoder.encode(function) + "\"}]");
        if (!answer.contains("\"result\"")) {
            throw new IllegalStateException(function.getName() + " failed: " + answer);
        }
        String hash = answer.replaceAll(".*\"result\":\"(0x[0-9a-f]+)\".*", "$1");
        for (int i = 0; i < 100; i++) {
            String receipt = chain.rpc("eth_getTransactionReceipt", "[\"" + hash + "\"]");
            if (receipt.contains("\"status\":\"0x1\"")) {
                return;
            }
            if (receipt.contains("\"status\":\"0x0\"")) {
                throw new IllegalStateException(function.getName() + " reverted: " + receipt);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(function.getName() + " was not mined");
    }
}
