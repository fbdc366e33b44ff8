package io.orchestration.cost.focus;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.cost.domain.EnvironmentRef;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any bytes uploaded as a FOCUS file are either read row by row, each row becoming a valid charge or
 * a line error, or refused whole with {@link InvalidFocusFile}; never another exception.
 * Seeds: FocusReaderFuzzTestInputs/anyFileIsReadOrRefused/.
 */
class FocusReaderFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CURRENCIES = Set.of("USD", "EUR");
    private static final BigDecimal LIMIT = new BigDecimal("1e13");

    @FuzzTest(maxDuration = "10s")
    void anyFileIsReadOrRefused(byte @NotNull [] file) throws IOException {
        FocusReader reader = new FocusReader(JSON, CURRENCIES::contains, new EnvironmentMatcher("environment", List.of(environment())));
        List<Charge> charges = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        long rows;
        try {
            rows = reader.read(new ByteArrayInputStream(file), charges::add, errors::add);
        } catch (InvalidFocusFile refused) {
            assertFalse(refused.getMessage() == null || refused.getMessage().isBlank());
            return;
        }
        assertEquals(rows, charges.size() + errors.size(), "every row is either a charge or a line error");
        for (LineError error : errors) {
            assertTrue(error.line() >= 1, error::toString);
            assertFalse(error.reason() == null || error.reason().isBlank(), error::toString);
        }
        for (Charge charge : charges) {
            assertTrue(CURRENCIES.contains(charge.currency()), charge::toString);
            assertTrue(charge.amount().abs().compareTo(LIMIT) < 0, charge::toString);
            assertTrue(charge.chargeEnd().isAfter(charge.chargeStart()), charge::toString);
            assertNotNull(charge.provider());
            assertNotNull(charge.period());
            assertNotNull(charge.resourceType());
            assertNotNull(charge.usageDate());
            assertTrue(charge.environment() == null || charge.environment().equals("aks-weu-prod"), charge::toString);
        }
    }

    private static EnvironmentRef environment() {
        EnvironmentRef ref = new EnvironmentRef();
        ref.name = "aks-weu-prod";
        ref.provider = "azure";
        ref.clusterContext = "aks-weu";
        return ref;
    }
}
