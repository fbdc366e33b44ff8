package io.orchestration.monitoring.collector;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.Reading;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSyncing;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Besu node: chain state over JSON-RPC (web3j) from {@code besuRpc}, and the process's CPU, memory
 * and disk from its Prometheus endpoint {@code besuMetrics} when the environment names one.
 * A metrics endpoint that fails leaves the chain values standing and says why in a fact.
 */
@ApplicationScoped
public class BesuCollector implements Collector {

    public static final String RPC = "besuRpc";
    public static final String METRICS = "besuMetrics";

    private final JsonRpcNodes nodes;
    private final HttpFetcher http;
    private final long behindThreshold;
    // The previous CPU counter per target: CPU use is its rate between two collections.
    private final Map<String, CpuCounter> lastCpu = new ConcurrentHashMap<>();

    public BesuCollector(JsonRpcNodes nodes, HttpFetcher http, MonitoringConfig config) {
        this.nodes = nodes;
        this.http = http;
        this.behindThreshold = config.health().besu().behindThreshold();
    }

    @Override
    public ServiceType type() {
        return ServiceType.BESU;
    }

    @Override
    public Uni<Reading> collect(Target target) {
        String rpc = target.endpoint(RPC);
        if (rpc == null) {
            return Uni.createFrom().item(Reading.notConfigured(target, OffsetDateTime.now(ZoneOffset.UTC), "no besuRpc endpoint"));
        }
        return Collector.guarded(target, at -> {
            Web3j node = nodes.node(rpc);
            Reading.Builder reading = new Reading.Builder(target, at);
            // The block number first: a node that does not answer it is unreachable, and nothing else is asked.
            return nodes.call(node.ethBlockNumber()).chain(block -> {
                reading.value("blockNumber", block.getBlockNumber());
                return Uni.combine().all().unis(
                                nodes.call(node.netPeerCount()).invoke(peers -> reading.value("peerCount", peers.getQuantity())),
                                nodes.call(node.ethSyncing()).invoke(syncing -> sync(reading, syncing, block.getBlockNumber())),
                                nodes.call(node.ethGasPrice()).invoke(gas -> reading.value("gasPriceWei", gas.getGasPrice())),
                                nodes.call(node.netVersion()).invoke(net -> reading.fact("networkId", net.getNetVersion())),
                                nodes.call(node.ethChainId()).invoke(chain -> reading.value("chainId", chain.getChainId())
                                        .fact("chainId", chain.getChainId().toString())),
                                nodes.call(node.ethGetBlockTransactionCountByNumber(DefaultBlockParameterName.PENDING))
                                        .invoke(pending -> reading.value("pendingTransactions", pending.getTransactionCount())))
                        .discardItems()
                        .chain(() -> nodeResources(target, reading, at));
            }).map(ignored -> reading.up());
        });
    }

    private void sync(Reading.Builder reading, EthSyncing syncing, BigInteger blockNumber) {
        if (!syncing.isSyncing() || !(syncing.getResult() instanceof EthSyncing.Syncing)) {
            reading.fact("syncStatus", "synced").value("blocksBehind", 0);
            return;
        }
        EthSyncing.Syncing progress = (EthSyncing.Syncing) syncing.getResult();
        BigInteger highest = Numeric.decodeQuantity(progress.getHighestBlock());
        BigInteger current = Numeric.decodeQuantity(progress.getCurrentBlock());
        long behind = Math.max(0, highest.subtract(current.max(blockNumber)).longValue());
        reading.fact("syncStatus", behind > behindThreshold ? "behind" : "syncing")
                .value("blocksBehind", behind)
                .value("highestBlock", highest);
    }

    private Uni<Void> nodeResources(Target target, Reading.Builder reading, OffsetDateTime at) {
        String metrics = target.endpoint(METRICS);
        if (metrics == null) {
            return Uni.createFrom().voidItem();
        }
        return http.text(metrics)
                .map(PrometheusText::parse)
                .invoke(text -> resources(target, reading, text, at))
                .onFailure().invoke(failure -> reading.fact("metricsError", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Besu's documented process and JVM metrics; disk from the RocksDB storage gauges it exports. */
    private void resources(Target target, Reading.Builder reading, PrometheusText text, OffsetDateTime at) {
        Double cpuSeconds = text.sum("process_cpu_seconds_total");
        if (cpuSeconds != null) {
            reading.value("cpuSecondsTotal", cpuSeconds);
            CpuCounter previous = lastCpu.put(target.key(), new CpuCounter(cpuSeconds, at));
            if (previous != null && cpuSeconds >= previous.seconds && at.isAfter(previous.at)) {
                double elapsed = Duration.between(previous.at, at).toMillis() / 1000.0;
                reading.value("cpuCores", (cpuSeconds - previous.seconds) / elapsed);
            }
        }
        reading.value("memoryResidentBytes", text.sum("process_resident_memory_bytes"));
        reading.value("heapUsedBytes", text.sum("jvm_memory_bytes_used", Map.of("area", "heap")));
        reading.value("heapMaxBytes", text.sum("jvm_memory_bytes_max", Map.of("area", "heap")));
        reading.value("diskUsedBytes", text.sum("besu_rocksdb_rocks_db_files_size_bytes"));
        reading.value("metricsPeerCount", text.sum("ethereum_peer_count"));
        reading.value("metricsChainHeight", text.sum("ethereum_blockchain_height"));
    }

    private record CpuCounter(double seconds, OffsetDateTime at) {
    }
}
