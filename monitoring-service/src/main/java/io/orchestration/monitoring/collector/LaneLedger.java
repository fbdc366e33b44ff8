package io.orchestration.monitoring.collector;

import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one CCIP Router's events have said so far, block range by block range: its ramps, and the
 * messages its OnRamps sent and its OffRamps executed. Each range is applied once, in order, so a
 * collection reads only the blocks that are new since the previous one.
 */
final class LaneLedger {

    private static final int SUCCESS = 2;
    private static final int FAILURE = 3;

    private long nextBlock;
    private final Map<String, String> onRamps = new TreeMap<>();
    private final Map<String, String> offRamps = new LinkedHashMap<>();
    private final Set<String> pending = new HashSet<>();
    private final Set<String> feeTokens = new LinkedHashSet<>();
    private long sent;
    private long executed;
    private long failed;
    private long tokenTransfers;
    private BigInteger fees = BigInteger.ZERO;

    LaneLedger(long fromBlock) {
        this.nextBlock = fromBlock;
    }

    synchronized long nextBlock() {
        return nextBlock;
    }

    /** The OnRamps and OffRamps after the Router's logs of a range (the ledger is not changed). */
    synchronized List<String> onRampsWith(List<Log> routerLogs) {
        Map<String, String> on = new TreeMap<>(onRamps);
        Map<String, String> off = new LinkedHashMap<>(offRamps);
        applyRamps(routerLogs, on, off);
        Set<String> all = new LinkedHashSet<>(onRamps.values());
        all.addAll(on.values());
        return List.copyOf(all);
    }

    synchronized List<String> offRampsWith(List<Log> routerLogs) {
        Map<String, String> on = new TreeMap<>(onRamps);
        Map<String, String> off = new LinkedHashMap<>(offRamps);
        applyRamps(routerLogs, on, off);
        Set<String> all = new LinkedHashSet<>(offRamps.values());
        all.addAll(off.values());
        return List.copyOf(all);
    }

    /** Applies the logs of blocks [from, to] unless another collection applied that range already. */
    synchronized void apply(long from, long to, List<Log> routerLogs, List<Log> sentLogs, List<Log> executionLogs) {
        if (from != nextBlock) {
            return;
        }
        // Everything is decoded before anything is counted: a malformed log leaves the range to be read again, not half-applied.
        List<SentMessage> messages = sentLogs.stream().map(log -> SentMessage.decode(log.getData())).toList();
        List<Integer> outcomes = new ArrayList<>();
        for (Log log : executionLogs) {
            outcomes.add(outcomeOf(log));
        }
        applyRamps(routerLogs, onRamps, offRamps);
        for (SentMessage message : messages) {
            sent++;
            pending.add(message.messageId());
            tokenTransfers += message.tokenAmounts();
            fees = fees.add(message.feeTokenAmount());
            if (!message.feeToken().equals(Address.DEFAULT.getValue())) {
                feeTokens.add(message.feeToken());
            }
        }
        for (int i = 0; i < executionLogs.size(); i++) {
            int outcome = outcomes.get(i);
            if (outcome == SUCCESS) {
                executed++;
            } else if (outcome == FAILURE) {
                failed++;
            }
            if (outcome == SUCCESS || outcome == FAILURE) {
                pending.remove(executionLogs.get(i).getTopics().get(2));
            }
        }
        nextBlock = to + 1;
    }

    /** The state an ExecutionStateChanged log reports; {@link TargetMisbehaves} when it is not one. */
    private static int outcomeOf(Log log) {
        if (log.getTopics() == null || log.getTopics().size() < 3) {
            throw new TargetMisbehaves("ExecutionStateChanged without its indexed message id");
        }
        try {
            @SuppressWarnings("rawtypes")
            List<Type> state = FunctionReturnDecoder.decode(log.getData(), List.of(
                    (TypeReference) new TypeReference<Uint8>() { }, (TypeReference) new TypeReference<DynamicBytes>() { }));
            return ((BigInteger) state.get(0).getValue()).intValue();
        } catch (RuntimeException e) {
            throw new TargetMisbehaves("ExecutionStateChanged data is not (uint8 state, bytes returnData): " + e.getMessage(), e);
        }
    }

    synchronized Map<String, String> onRamps() {
        return Map.copyOf(onRamps);
    }

    synchronized Map<String, Double> counts() {
        return Map.of("messagesSent", (double) sent, "messagesExecuted", (double) executed, "messagesFailed", (double) failed,
                "messagesPending", (double) pending.size(), "tokenTransfers", (double) tokenTransfers,
                "feesPaid", new java.math.BigDecimal(fees).movePointLeft(18).doubleValue());
    }

    synchronized String firstFeeToken() {
        return feeTokens.stream().findFirst().orElse(null);
    }

    private static void applyRamps(List<Log> logs, Map<String, String> on, Map<String, String> off) {
        for (Log log : logs) {
            List<String> topics = log.getTopics();
            String data = log.getData() == null ? "" : Numeric.cleanHexPrefix(log.getData());
            if (topics == null || topics.size() < 2 || topics.get(0) == null || topics.get(1) == null || data.length() < 64) {
                throw new TargetMisbehaves("a Router ramp event without its chain selector and ramp address: " + topics + " " + log.getData());
            }
            String selector;
            try {
                selector = new BigInteger(Numeric.cleanHexPrefix(topics.get(1)), 16).toString();
            } catch (NumberFormatException e) {
                throw new TargetMisbehaves("a Router ramp event whose chain selector is not hex: " + topics.get(1));
            }
            String ramp = "0x" + data.substring(24, 64);
            String event = topics.get(0);
            if (event.equals(CcipCollector.ON_RAMP_SET)) {
                if (ramp.equals(Address.DEFAULT.getValue())) {
                    on.remove(selector);
                } else {
                    on.put(selector, ramp);
                }
            } else if (event.equals(CcipCollector.OFF_RAMP_ADDED)) {
                off.put(selector + "/" + ramp, ramp);
            } else if (event.equals(CcipCollector.OFF_RAMP_REMOVED)) {
                off.remove(selector + "/" + ramp);
            }
        }
    }

    /** The parts of a v1.2 EVM2EVMMessage the ledger counts, read from the event's ABI encoding. */
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
