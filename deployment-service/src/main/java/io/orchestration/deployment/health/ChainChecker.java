package io.orchestration.deployment.health;

import io.orchestration.deployment.config.DeploymentConfig;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthSyncing;
import org.web3j.protocol.http.HttpService;

import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * Checks a Besu (or any Ethereum) node over JSON-RPC with web3j: it answers, produces blocks, is in
 * sync and has peers. Every call is asynchronous and bounded by {@code deployment.health.rpc-timeout};
 * a node that is down or slow gives failed checks, never an exception.
 */
@ApplicationScoped
public class ChainChecker {

    public static final String ANSWERS = "JSON-RPC answers";
    public static final String BLOCKS_ADVANCING = "block number advancing";
    public static final String IN_SYNC = "validators in sync";
    public static final String PEERS = "peers connected";

    private final DeploymentConfig.HealthConfig config;
    private final OkHttpClient http;
    // web3j wants a scheduler for polling, which these checks never do; one shared instead of one per client.
    private final ScheduledExecutorService unusedPoller = Executors.newSingleThreadScheduledExecutor();

    public ChainChecker(DeploymentConfig deployment) {
        this.config = deployment.health();
        this.http = new OkHttpClient.Builder()
                .callTimeout(config.rpcTimeout())
                .build();
    }

    @PreDestroy
    void close() {
        unusedPoller.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /**
     * The checks of one node that need no waiting: it answers, is not syncing, has enough peers. Used on each validator
     * as a rollout replaces it; checks after a failed "answers" are skipped.
     */
    public Uni<List<CheckResult>> checkSync(String rpcUrl) {
        Web3j node = Web3j.build(new HttpService(rpcUrl, http), 15_000, unusedPoller);
        return answers(node, rpcUrl).chain(answers -> !answers.passed()
                ? Uni.createFrom().item(List.of(answers, CheckResult.skipped(IN_SYNC, "not checked: the node does not answer"),
                        CheckResult.skipped(PEERS, "not checked: the node does not answer")))
                : Uni.combine().all().unis(inSync(node), peers(node)).with((sync, peers) -> List.of(answers, sync, peers)));
    }

    /** Runs every chain check against the node at {@code rpcUrl}; checks that need an answering node are skipped when it does not answer. */
    public Uni<List<CheckResult>> check(String rpcUrl) {
        Web3j node = Web3j.build(new HttpService(rpcUrl, http), 15_000, unusedPoller);
        return answers(node, rpcUrl).chain(answers -> {
            if (!answers.passed()) {
                String reason = "not checked: the node does not answer";
                return Uni.createFrom().item(List.of(answers, CheckResult.skipped(BLOCKS_ADVANCING, reason),
                        CheckResult.skipped(IN_SYNC, reason), CheckResult.skipped(PEERS, reason)));
            }
            return Uni.combine().all().unis(blocksAdvancing(node), inSync(node), peers(node))
                    .with((blocks, sync, peers) -> {
                        List<CheckResult> results = new ArrayList<>();
                        results.add(answers);
                        results.add(blocks);
                        results.add(sync);
                        results.add(peers);
                        return List.copyOf(results);
                    });
        });
    }

    private Uni<CheckResult> answers(Web3j node, String rpcUrl) {
        return call(node.ethChainId()).chain(chainId -> call(node.netVersion())
                        .map(network -> CheckResult.passed(ANSWERS, rpcUrl + " answers: chain id "
                                + chainId.getChainId() + ", network " + network.getNetVersion())))
                .onFailure().recoverWithItem(failure -> CheckResult.failed(ANSWERS, rpcUrl + " does not answer: " + describe(failure)));
    }

    private Uni<CheckResult> blocksAdvancing(Web3j node) {
        Duration window = config.blockAdvanceWindow();
        return call(node.ethBlockNumber()).map(first -> first.getBlockNumber())
                .chain(first -> Uni.createFrom().voidItem().onItem().delayIt().by(window)
                        .chain(() -> call(node.ethBlockNumber()))
                        .map(second -> second.getBlockNumber().compareTo(first) > 0
                                ? CheckResult.passed(BLOCKS_ADVANCING, "block " + first + " -> " + second.getBlockNumber() + " in " + seconds(window))
                                : CheckResult.failed(BLOCKS_ADVANCING, "block number stayed at " + first + " for " + seconds(window)
                                        + (second.getBlockNumber().compareTo(first) < 0 ? " (went back to " + second.getBlockNumber() + ")" : ""))))
                .onFailure().recoverWithItem(failure -> CheckResult.failed(BLOCKS_ADVANCING, "eth_blockNumber failed: " + describe(failure)));
    }

    private Uni<CheckResult> inSync(Web3j node) {
        return call(node.ethSyncing())
                .map(syncing -> {
                    if (!syncing.isSyncing()) {
                        return CheckResult.passed(IN_SYNC, "not syncing (eth_syncing is false)");
                    }
                    EthSyncing.Result result = syncing.getResult();
                    String progress = result instanceof EthSyncing.Syncing s
                            ? ": at block " + quantity(s.getCurrentBlock()) + " of " + quantity(s.getHighestBlock())
                            : "";
                    return CheckResult.failed(IN_SYNC, "still syncing" + progress);
                })
                .onFailure().recoverWithItem(failure -> CheckResult.failed(IN_SYNC, "eth_syncing failed: " + describe(failure)));
    }

    private Uni<CheckResult> peers(Web3j node) {
        int minimum = config.minPeers();
        return call(node.netPeerCount())
                .map(count -> count.getQuantity().compareTo(BigInteger.valueOf(minimum)) >= 0
                        ? CheckResult.passed(PEERS, count.getQuantity() + " peers (minimum " + minimum + ")")
                        : CheckResult.failed(PEERS, "only " + count.getQuantity() + " peers, fewer than the minimum " + minimum))
                .onFailure().recoverWithItem(failure -> CheckResult.failed(PEERS, "net_peerCount failed: " + describe(failure)));
    }

    /** One JSON-RPC call off the event loop, bounded by the configured timeout; a JSON-RPC error fails it. */
    private <T extends Response<?>> Uni<T> call(Request<?, T> request) {
        Duration timeout = config.rpcTimeout();
        return Uni.createFrom().completionStage(request::sendAsync)
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer within " + seconds(timeout)))
                .invoke(response -> {
                    if (response.hasError()) {
                        throw new RpcError(request.getMethod(), response.getError());
                    }
                });
    }

    private String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException || cause instanceof RpcError) {
            return cause.getMessage();
        }
        // OkHttp's own call timeout (the same length) can win the race against the Uni's.
        if (cause instanceof InterruptedIOException && "timeout".equals(cause.getMessage())) {
            return "no answer within " + seconds(config.rpcTimeout());
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static String quantity(String hex) {
        try {
            return hex != null && hex.startsWith("0x") ? new BigInteger(hex.substring(2), 16).toString() : String.valueOf(hex);
        } catch (NumberFormatException e) {
            return hex;
        }
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** The node answered the call with a JSON-RPC error object. */
    static final class RpcError extends RuntimeException {
        RpcError(String method, Response.Error error) {
            super(method + " answered error " + error.getCode() + ": " + error.getMessage());
        }
    }
}
