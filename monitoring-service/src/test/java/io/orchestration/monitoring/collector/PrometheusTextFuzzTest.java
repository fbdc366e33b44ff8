package io.orchestration.monitoring.collector;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any text a metrics endpoint may serve either reads as samples with well-formed names, or is
 * refused with {@link TargetMisbehaves} caused by the parser's own IllegalArgumentException, never
 * anything else. Seeds: PrometheusTextFuzzTestInputs/anyTextParsesOrIsRefused/.
 */
class PrometheusTextFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void anyTextParsesOrIsRefused(@NotNull String text) {
        PrometheusText parsed;
        try {
            parsed = PrometheusText.parse(text);
        } catch (TargetMisbehaves refused) {
            assertTrue(refused.getMessage().startsWith("metrics line "), refused.getMessage());
            assertInstanceOf(IllegalArgumentException.class, refused.getCause(), "refused for an unexpected reason");
            return;
        }
        for (PrometheusText.Sample sample : parsed.samples()) {
            assertFalse(sample.name().isEmpty());
            assertTrue(sample.name().chars().allMatch(c -> c == '_' || c == ':' || Character.isLetterOrDigit(c) && c < 128),
                    sample.name());
            assertNotNull(sample.labels());
            sample.labels().forEach((name, value) -> assertFalse(name.isEmpty(), "empty label name"));
            assertNotNull(parsed.sum(sample.name(), Map.of()));
        }
    }
}
