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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Chainlink CCIP on one chain, over JSON-RPC from the environment's {@code ccipRouter}:
 * the Router's ramps from its own events ({@code OnRampSet}, {@code OffRampAdded/Removed}: the
 * supported destination chains), messages from the OnRamps' {@code CCIPSendRequested} and the
 * OffRamps' {@code ExecutionStateChanged} events (eth_getLogs), token transfers and fees from the
 * sent messages, the fee token balance the OnRamps hold (ERC-20 balanceOf), and for each oracle
 * feed in {@code ccipFeeds} (AggregatorV3) its latest round, answer and age, stale past
 * {@code monitoring.health.feeds.max-age}.
 */
@ApplicationScoped
public class CcipCollector implements Collector {

    public static final String FEEDS = "ccipFeeds";
    public static final String FEE_TOKEN = "ccipFeeToken";

    static final String ON_RAMP_SET = Hash.sha3String("OnRampSet(uint64,address)");
    static final String OFF_RAMP_ADDED = Hash.sha3String("OffRampAdded(uint64,address)");
    static final String OFF_RAMP_REMOVED = Hash.sha3String("OffRampRemoved(uint64,address)");
    static final String SEND_REQUESTED = Hash.sha3String(
            "CCIPSendRequested((uint64,address,address,uint64,uint256,bool,uint64,address,uint256,bytes,(address,uint256)[],bytes[],bytes32))");
    static final String EXECUTION_STATE_CHANGED = Hash.sha3String("ExecutionStateChanged(uint64,bytes32,uint8,bytes)");
    private static final int SUCCESS = 2;
    private static final int FAILURE = 3;

    private final JsonRpcNodes nodes;
    private final Duration maxFeedAge;

    public CcipCollector(JsonRpcNodes nodes, MonitoringConfig config) {
        this.nodes = nodes;
        this.maxFeedAge = config.health().feeds().maxAge();
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
                    .chain(() -> logs(node, List.of(router), List.of(ON_RAMP_SET, OFF_RAMP_ADDED, OFF_RAMP_REMOVED)))
                    .chain(routerLogs -> {
                        Ramps ramps = Ramps.from(routerLogs);
                        reading.value("supportedChains", ramps.onRamps.size())
                                .fact("destinationChains", String.join(",", ramps.onRamps.keySet()));
                        return messages(node, ramps, reading)
                                .chain(feeTokens -> feeTokenBalance(node, target, ramps, feeTokens, reading));
                    })
                    .chain(() -> feeds(node, target, reading, at))
                    .map(ignored -> reading.up());
        });
    }

    private Uni<Set<String>> messages(Web3j node, Ramps ramps, Reading.Builder reading) {
        Uni<List<Log>> sent = ramps.onRamps.isEmpty() ? Uni.createFrom().item(List.of())
                : logs(node, new ArrayList<>(ramps.onRamps.values()), List.of(SEND_REQUESTED));
        Uni<List<Log>> executed = ramps.offRamps.isEmpty() ? Uni.createFrom().item(List.of())
                : logs(node, new ArrayList<>(ramps.offRamps), List.of(EXECUTION_STATE_CHANGED));
        return Uni.combine().all().unis(sent, executed).asTuple().map(both -> {
            Set<String> feeTokens = new LinkedHashSet<>();
            Set<String> sentIds = new LinkedHashSet<>();
            long tokenTransfers = 0;
            BigInteger fees = BigInteger.ZERO;
            for (Log log : both.getItem1()) {
                SentMessage message = SentMessage.decode(log.getData());
                sentIds.add(message.messageId);
                tokenTransfers += message.tokenAmounts;
                fees = fees.add(message.feeTokenAmount);
                if (!message.feeToken.equals(Address.DEFAULT.getValue())) {
                    feeTokens.add(message.feeToken);
                }
            }
            Map<String, Integer> outcome = new HashMap<>();
            for (Log log : both.getItem2()) {
                if (log.getTopics().size() < 3) {
                    throw new TargetMisbehaves("ExecutionStateChanged without its indexed message id");
                }
                List<Type> state = FunctionReturnDecoder.decode(log.getData(), List.of(
                        (TypeReference) new TypeReference<Uint8>() { }, (TypeReference) new TypeReference<org.web3j.abi.datatypes.DynamicBytes>() { }));
                outcome.put(log.getTopics().get(2), ((BigInteger) state.get(0).getValue()).intValue());
            }
            long succeeded = outcome.values().stream().filter(s -> s == SUCCESS).count();
            long failed = outcome.values().stream().filter(s -> s == FAILURE).count();
            long pending = sentIds.stream().filter(id -> {
                Integer state = outcome.get(id);
                return state == null || (state != SUCCESS && state != FAILURE);
            }).count();
            reading.value("messagesSent", sentIds.size())
                    .value("messagesExecuted", succeeded)
                    .value("messagesFailed", failed)
                    .value("messagesPending", pending)
                    .value("tokenTransfers", tokenTransfers)
                    .value("feesPaid", new BigDecimal(fees).movePointLeft(18));
            return feeTokens;
        });
    }

    private Uni<Void> feeTokenBalance(Web3j node, Target target, Ramps ramps, Set<String> seenFeeTokens, Reading.Builder reading) {
        String feeToken = target.endpoint(FEE_TOKEN) != null ? target.endpoint(FEE_TOKEN)
                : seenFeeTokens.stream().findFirst().orElse(null);
        if (feeToken == null || ramps.onRamps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        reading.fact("feeToken", feeToken);
        return call(node, feeToken, new Function("decimals", List.of(), List.of(new TypeReference<Uint8>() { })))
                .map(decimals -> ((BigInteger) decimals.get(0).getValue()).intValue())
                .chain(decimals -> Multi.createFrom().iterable(new LinkedHashSet<>(ramps.onRamps.values()))
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

    private Uni<List<Log>> logs(Web3j node, List<String> addresses, List<String> topics) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO), DefaultBlockParameterName.LATEST, addresses);
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

    /** The Router's ramps as its events left them: the latest OnRamp per destination, the OffRamps added and not removed. */
    record Ramps(Map<String, String> onRamps, Set<String> offRamps) {

        static Ramps from(List<Log> logs) {
            Map<String, String> onRamps = new TreeMap<>();
            Map<String, String> offRamps = new LinkedHashMap<>();
            for (Log log : logs) {
                String selector = new BigInteger(Numeric.cleanHexPrefix(log.getTopics().get(1)), 16).toString();
                String ramp = "0x" + Numeric.cleanHexPrefix(log.getData()).substring(24, 64);
                String event = log.getTopics().get(0);
                if (event.equals(ON_RAMP_SET)) {
                    if (ramp.equals(Address.DEFAULT.getValue())) {
                        onRamps.remove(selector);
                    } else {
                        onRamps.put(selector, ramp);
                    }
                } else if (event.equals(OFF_RAMP_ADDED)) {
                    offRamps.put(selector + "/" + ramp, ramp);
                } else if (event.equals(OFF_RAMP_REMOVED)) {
                    offRamps.remove(selector + "/" + ramp);
                }
            }
            return new Ramps(onRamps, offRamps.values().stream().collect(Collectors.toCollection(LinkedHashSet::new)));
        }
    }

    /** The parts of a v1.2 EVM2EVMMessage the collector counts, read from the event's ABI encoding. */
    record SentMessage(String messageId, String feeToken, BigInteger feeTokenAmount, int tokenAmounts) {

        static SentMessage decode(String data) {
            String hex = Numeric.cleanHexPrefix(data);
            try {
                int tuple = word(hex, 0).intValueExact();
                BigInteger feeToken = word(hex, tuple + 7 * 32);
                BigInteger fee = word(hex, tuple + 8 * 32);
                int tokensAt = tuple + word(hex, tuple + 10 * 32).intValueExact();
                int tokens = word(hex, tokensAt).intValueExact();
                String messageId = "0x" + hex.substring(2 * (tuple + 12 * 32), 2 * (tuple + 13 * 32));
                return new SentMessage(messageId, "0x" + String.format("%040x", feeToken), fee, tokens);
            } catch (RuntimeException e) {
                throw new TargetMisbehaves("CCIPSendRequested data is not an EVM2EVMMessage: " + e.getMessage(), e);
            }
        }

        private static BigInteger word(String hex, int byteOffset) {
            return new BigInteger(hex.substring(2 * byteOffset, 2 * byteOffset + 64), 16);
        }
    }
}
