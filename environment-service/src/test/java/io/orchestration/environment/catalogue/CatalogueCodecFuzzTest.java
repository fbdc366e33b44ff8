package io.orchestration.environment.catalogue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.environment.domain.EnvironmentSpec;
import jakarta.validation.Validation;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any catalogue text either parses into valid environments, or is refused with
 * {@link CatalogueInvalid} listing each fault with a line, a field and a message; never another
 * exception. A catalogue that parses also survives the codec's own edits: writing an entry back
 * unchanged, or removing one, gives text that parses to the expected environments.
 * Seeds: CatalogueCodecFuzzTestInputs/anyCatalogueParsesOrIsRefused/.
 */
class CatalogueCodecFuzzTest {

    private static final CatalogueCodec CODEC = new CatalogueCodec(new ObjectMapper().findAndRegisterModules(),
            Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator())
                    .buildValidatorFactory().getValidator());

    @FuzzTest(maxDuration = "10s")
    void anyCatalogueParsesOrIsRefused(@NotNull String text) {
        Catalogue catalogue;
        try {
            catalogue = CODEC.parse("fuzz.yaml", text);
        } catch (CatalogueInvalid refused) {
            assertFalse(refused.errors().isEmpty());
            for (CatalogueError error : refused.errors()) {
                assertTrue(error.line() >= 0, error::toString);
                assertNotNull(error.field());
                assertFalse(error.message() == null || error.message().isBlank(), error::toString);
            }
            return;
        }
        List<EnvironmentSpec> environments = catalogue.environments();
        if (environments.isEmpty()) {
            return;
        }
        EnvironmentSpec first = environments.get(0);
        assertEquals(environments, CODEC.parse("rewritten.yaml", CODEC.withUpserted(catalogue, first)).environments(),
                "writing an unchanged entry back changed the catalogue");
        Catalogue reread = CODEC.parse("reread.yaml", text);
        assertEquals(environments.subList(1, environments.size()),
                CODEC.parse("removed.yaml", CODEC.withRemoved(reread, first.name())).environments(),
                "removing the first entry changed the others");
    }
}
