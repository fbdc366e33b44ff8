package io.orchestration.monitoring.collector;

import io.orchestration.monitoring.support.ReplayServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusTextTest {

    @Test
    void readsBesuMetricsWithTheirLabelsAndSumsSeriesByLabel() {
        PrometheusText text = PrometheusText.parse(ReplayServer.resource("recorded/besu-metrics.txt"));
        assertEquals(1048576.0, text.sum("ethereum_blockchain_height"));
        assertEquals(1.073741824E9, text.sum("jvm_memory_bytes_used", Map.of("area", "heap")));
        assertEquals(1.073741824E9 + 2.68435456E8, text.sum("jvm_memory_bytes_used"));
        assertEquals(3.0, text.sum("besu_transaction_pool_transactions", Map.of("type", "pending")));
        assertNull(text.sum("no_such_metric"));
    }

    @Test
    void readsEscapedLabelValuesTimestampsAndSpecialValues() {
        PrometheusText text = PrometheusText.parse("""
                # HELP x a metric
                x{path="/a\\"b\\\\c",code="200"} 3 1700000000000
                up +Inf
                down NaN
                """);
        assertEquals("/a\"b\\c", text.samples().get(0).labels().get("path"));
        assertEquals(3.0, text.sum("x", Map.of("code", "200")));
        assertEquals(Double.POSITIVE_INFINITY, text.sum("up"));
        assertTrue(Double.isNaN(text.sum("down")));
    }

    @Test
    void aLineThatIsNotPrometheusTextFailsTheParseNamingTheLine() {
        for (String bad : new String[]{"<html>oops</html>", "x{a=\"1\" 2", "x{a=1} 2", "x 1 2 3", "x notanumber", "{a=\"b\"} 1"}) {
            TargetMisbehaves failure = assertThrows(TargetMisbehaves.class, () -> PrometheusText.parse("ok 1\n" + bad));
            assertTrue(failure.getMessage().startsWith("metrics line 2 "), failure.getMessage());
        }
    }
}
