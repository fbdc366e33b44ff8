package io.orchestration.monitoring.collector;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.Reading;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.orchestration.monitoring.service.TargetCatalog;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chainlink CCIP on one chain, over JSON-RPC from the environment's {@code ccipRouter}:
 * the Router's ramps from its own events ({@code OnRampSet}, {@code OffRampAdded/Removed}: the
 * supported destination chains), messages from the OnRamps' {@code CCIPSendRequested} and the
 * OffRamps' {@code ExecutionStateChanged} events (eth_getLogs over the blocks new since the previous
 * collection, kept in a {@link LaneLedger} per target), token transfers and fees from the
 * sent messages, the fee token balance the OnRamps hold (ERC-20 balanceOf), and for each oracle
 * feed in {@code ccipFeeds} (AggregatorV3) its latest round, answer and age, stale past
 * {@code monitoring.health.feeds.max-age}.
 */
@ApplicationScoped
public class CcipCollector implements Collector {

    public static final String FEEDS = "ccipFeeds";
    public static final String FEE_TOKEN = "ccipFeeToken";
    /** The block to read the Router's logs from after a restart (its deployment block); 0 when absent. */
    public static final String FROM_BLOCK = "ccipFromBlock";
    private static final int MAX_RANGES_PER_COLLECTION = 20;

    static final String ON_RAMP_SET = Hash.sha3String("OnRampSet(uint64,address)");
    static final String OFF_RAMP_ADDED = Hash.sha3String("OffRampAdded(uint64,address)");
    static final String OFF_RAMP_REMOVED = Hash.sha3String("OffRampRemoved(uint64,address)");
    static final String SEND_REQUESTED = Hash.sha3String(
            "CCIPSendRequested((uint64,address,address,uint64,uint256,bool,uint64,address,uint256,bytes,(address,uint256)[],bytes[],bytes32))");
    static final String EXECUTION_STATE_CHANGED = Hash.sha3String("ExecutionStateChanged(uint64,bytes32,uint8,bytes)");

    private final JsonRpcNodes nodes;
    private final Duration maxFeedAge;
    private final long maxLogRange;
    private final Map<String, LaneLedger> ledgers = new ConcurrentHashMap<>();

    public CcipCollector(JsonRpcNodes nodes, MonitoringConfig config) {
        this.nodes = nodes;
        this.maxFeedAge = config.health().feeds().maxAge();
        this.maxLogRange = config.ccip().maxLogRange();
    }

    @Override
    public ServiceType type() {
        return ServiceType.CHAINLINK_CCIP;
    }

    @Override
    public Uni<Reading> collect(Target target) {
        String rpc = target.endpoint("ccipRpc") != null ? target.endpoint("ccipRpc") : target.endpoint(BesuCollector.RPC);
        String router = target.endpoint(TargetCatalog.CCIP_ROUTER);
        if (rpc == null || router == null) {
            return Uni.createFrom().item(Reading.notConfigured(target, OffsetDateTime.now(ZoneOffset.UTC),
                    "CCIP needs both a ccipRouter address and a JSON-RPC endpoint (besuRpc)"));
        }
        return Collector.guarded(target, at -> {
            Web3j node = nodes.node(rpc);
            Reading.Builder reading = new Reading.Builder(target, at).fact("routerAddress", router);
            return nodes.call(node.ethGetCode(router, DefaultBlockParameterName.LATEST))
                    .chain(code -> nodes.call(node.ethChainId()).invoke(chain -> {
                        if (code.getCode() == null || Numeric.cleanHexPrefix(code.getCode()).isEmpty()) {
                            throw new TargetMisbehaves("no contract at router " + router + " on chain " + chain.getChainId()
                                    + ": wrong chain or wrong address");
                        }
                        reading.fact("chainId", chain.getChainId().toString());
                    }))
                    .chain(() -> call(node, router, new Function("typeAndVersion", List.of(), List.of(new TypeReference<Utf8String>() { })))
                            .invoke(version -> reading.fact("routerVersion", version.get(0).getValue().toString()))
                            .onFailure().recoverWithNull())
                    .chain(() -> catchUp(node, target, router))
                    .chain(ledger -> {
                        Map<String, String> onRamps = ledger.onRamps();
                        reading.value("supportedChains", onRamps.size())
                                .fact("destinationChains", String.join(",", onRamps.keySet()))
                                .fact("logsReadTo", String.valueOf(ledger.nextBlock() - 1))
                                .values(ledger.counts());
                        return feeTokenBalance(node, target, onRamps, ledger.firstFeeToken(), reading);
                    })
                    .chain(() -> feeds(node, target, reading, at))
                    .map(ignored -> reading.up());
        });
    }

    /** Reads the Router's and its ramps' logs of the blocks new since the last collection, a bounded number of ranges at a time. */
    private Uni<LaneLedger> catchUp(Web3j node, Target target, String router) {
        long fromBlock = target.endpoint(FROM_BLOCK) == null ? 0 : Long.parseLong(target.endpoint(FROM_BLOCK).trim());
        String key = target.key() + "@" + router.toLowerCase(Locale.ROOT);
        return nodes.call(node.ethBlockNumber()).map(answer -> answer.getBlockNumber().longValue())
                .chain(latest -> {
                    // A chain that went back (a dev node restarted) starts the ledger again.
                    LaneLedger ledger = ledgers.compute(key, (k, known) -> known == null || known.nextBlock() > latest + 1
                            ? new LaneLedger(fromBlock) : known);
                    return readRanges(node, ledger, router, latest, MAX_RANGES_PER_COLLECTION);
                });
    }

    private Uni<LaneLedger> readRanges(Web3j node, LaneLedger ledger, String router, long latest, int rangesLeft) {
        long from = ledger.nextBlock();
        if (from > latest || rangesLeft == 0) {
            return Uni.createFrom().item(ledger);
        }
        long to = Math.min(latest, from + maxLogRange - 1);
        return logs(node, List.of(router), List.of(ON_RAMP_SET, OFF_RAMP_ADDED, OFF_RAMP_REMOVED), from, to)
                .chain(routerLogs -> {
                    List<String> onRamps = ledger.onRampsWith(routerLogs);
                    List<String> offRamps = ledger.offRampsWith(routerLogs);
                    Uni<List<Log>> sent = onRamps.isEmpty() ? Uni.createFrom().item(List.of()) : logs(node, onRamps, List.of(SEND_REQUESTED), from, to);
                    Uni<List<Log>> executions = offRamps.isEmpty() ? Uni.createFrom().item(List.of())
                            : logs(node, offRamps, List.of(EXECUTION_STATE_CHANGED), from, to);
                    return Uni.combine().all().unis(sent, executions).asTuple()
                            .invoke(both -> ledger.apply(from, to, routerLogs, both.getItem1(), both.getItem2()));
                })
                .chain(() -> readRanges(node, ledger, router, latest, rangesLeft - 1));
    }

    private Uni<Void> feeTokenBalance(Web3j node, Target target, Map<String, String> onRamps, String seenFeeToken, Reading.Builder reading) {
        String feeToken = target.endpoint(FEE_TOKEN) != null ? target.endpoint(FEE_TOKEN) : seenFeeToken;
        if (feeToken == null || onRamps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        reading.fact("feeToken", feeToken);
        return call(node, feeToken, new Function("decimals", List.of(), List.of(new TypeReference<Uint8>() { })))
                .map(decimals -> ((BigInteger) decimals.get(0).getValue()).intValue())
                .chain(decimals -> Multi.createFrom().iterable(new LinkedHashSet<>(onRamps.values()))
                        .onItem().transformToUniAndConcatenate(onRamp -> call(node, feeToken, new Function("balanceOf",
                                List.of(new Address(onRamp)), List.of(new TypeReference<Uint256>() { })))
                                .map(balance -> (BigInteger) balance.get(0).getValue()))
                        .collect().in(() -> new BigInteger[]{BigInteger.ZERO}, (sum, balance) -> sum[0] = sum[0].add(balance))
                        .invoke(sum -> reading.value("feeTokenBalance", new BigDecimal(sum[0]).movePointLeft(decimals))))
                .replaceWithVoid();
    }

    private Uni<Void> feeds(Web3j node, Target target, Reading.Builder reading, OffsetDateTime at) {
        String configured = target.endpoint(FEEDS);
        if (configured == null || configured.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        List<String> feeds = Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> stale = new ArrayList<>();
        return Multi.createFrom().iterable(feeds)
                .onItem().transformToUniAndConcatenate(feed -> feed(node, feed, reading, at).invoke(isStale -> {
                    if (isStale) {
                        stale.add(feed);
                    }
                }))
                .collect().last()
                .invoke(() -> {
                    reading.value("feeds", feeds.size()).value("staleFeeds", stale.size());
                    if (!stale.isEmpty()) {
                        reading.fact("staleFeeds", String.join(",", stale));
                    }
                })
                .replaceWithVoid();
    }

    /** Reads one AggregatorV3 feed; true when its latest round is older than the maximum age. */
    private Uni<Boolean> feed(Web3j node, String feed, Reading.Builder reading, OffsetDateTime at) {
        String key = "feed." + feed.toLowerCase(Locale.ROOT);
        Function latestRoundData = new Function("latestRoundData", List.of(), List.of(new TypeReference<Uint80>() { },
                new TypeReference<Int256>() { }, new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { }, new TypeReference<Uint80>() { }));
        return Uni.combine().all().unis(
                        call(node, feed, latestRoundData),
                        call(node, feed, new Function("decimals", List.of(), List.of(new TypeReference<Uint8>() { }))),
                        call(node, feed, new Function("description", List.of(), List.of(new TypeReference<Utf8String>() { }))))
                .asTuple()
                .map(answers -> {
                    List<Type> round = answers.getItem1();
                    int decimals = ((BigInteger) answers.getItem2().get(0).getValue()).intValue();
                    BigInteger roundId = (BigInteger) round.get(0).getValue();
                    BigDecimal answer = new BigDecimal((BigInteger) round.get(1).getValue()).movePointLeft(decimals);
                    Instant updatedAt = Instant.ofEpochSecond(((BigInteger) round.get(3).getValue()).longValue());
                    long age = Math.max(0, Duration.between(updatedAt, at.toInstant()).toSeconds());
                    reading.value(key + ".answer", answer)
                            .value(key + ".roundId", roundId)
                            .value(key + ".ageSeconds", age)
                            .fact(key + ".description", answers.getItem3().get(0).getValue().toString())
                            .fact(key + ".roundId", roundId.toString())
                            .fact(key + ".updatedAt", updatedAt.toString());
                    return age > maxFeedAge.toSeconds();
                });
    }

    private Uni<List<Log>> logs(Web3j node, List<String> addresses, List<String> topics, long from, long to) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), addresses);
        filter.addOptionalTopics(topics.toArray(String[]::new));
        return nodes.call(node.ethGetLogs(filter)).map(answer -> {
            List<Log> logs = new ArrayList<>();
            for (EthLog.LogResult<?> result : answer.getLogs()) {
                if (!(result.get() instanceof Log)) {
                    throw new TargetMisbehaves("eth_getLogs answered hashes instead of logs");
                }
                logs.add((Log) result.get());
            }
            return logs;
        });
    }

    @SuppressWarnings("rawtypes")
    private Uni<List<Type>> call(Web3j node, String contract, Function function) {
        Transaction call = Transaction.createEthCallTransaction(null, contract, FunctionEncoder.encode(function));
        return nodes.call(node.ethCall(call, DefaultBlockParameterName.LATEST)).map(answer -> {
            if (answer.isReverted()) {
                throw new TargetMisbehaves(function.getName() + " on " + contract + " reverted: " + answer.getRevertReason());
            }
            List<Type> decoded = FunctionReturnDecoder.decode(answer.getValue(), function.getOutputParameters());
            if (decoded.size() != function.getOutputParameters().size()) {
                throw new TargetMisbehaves(function.getName() + " on " + contract + " answered " + answer.getValue()
                        + ": not a contract of the expected kind");
            }
            return decoded;
        });
    }
}
