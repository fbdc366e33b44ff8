package io.orchestration.environment.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.environment.domain.EnvironmentSpec;
import io.orchestration.environment.domain.EnvironmentType;
import io.orchestration.environment.domain.Provider;
import jakarta.validation.Validation;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogueCodecTest {

    private static final Path SHIPPED = Path.of("../config/environments.yaml");

    private final CatalogueCodec codec = new CatalogueCodec(new ObjectMapper().findAndRegisterModules(),
            Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator())
                    .buildValidatorFactory().getValidator());

    @Test
    void shippedCatalogueCoversEveryProviderAndBothTypes() throws IOException {
        Catalogue catalogue = codec.parse("environments.yaml", Files.readString(SHIPPED));

        assertTrue(catalogue.environments().size() >= 8);
        assertEquals(EnumSet.allOf(Provider.class),
                catalogue.environments().stream().map(EnvironmentSpec::provider).collect(Collectors.toCollection(() -> EnumSet.noneOf(Provider.class))));
        assertEquals(Set.of(EnvironmentType.values()),
                catalogue.environments().stream().map(EnvironmentSpec::type).collect(Collectors.toSet()));
    }

    @Test
    void aCommentInsideAnUnclosedFlowListIsASyntaxErrorWithItsLine() {
        // Found by CatalogueCodecFuzzTest: SnakeYAML's comment handling threw a ClassCastException here.
        CatalogueInvalid invalid = assertThrows(CatalogueInvalid.class, () -> codec.parse("c.yaml", """
                environments:
                  - name: dev
                    provider: aws
                    type: cloud
                    regions: [    #eu-west-1]
                extra: 1
                """));

        CatalogueError error = invalid.errors().get(0);
        assertEquals("(syntax)", error.field());
        assertTrue(error.line() >= 5, error::toString);
    }

    @Test
    void anAliasBackIntoItsOwnBlockIsRefusedNotFollowedForever() {
        // Found by CatalogueCodecFuzzTest: reading such a block overflowed the stack.
        CatalogueInvalid invalid = assertThrows(CatalogueInvalid.class, () -> codec.parse("loop.yaml", """
                environments: &loop
                  - name: loop
                    provider: aws
                    type: cloud
                    labels: *loop
                """));

        assertEquals(List.of(new CatalogueError(1, "environments[0].labels", "an alias (*name) refers to a block that contains it")),
                invalid.errors().stream().filter(error -> error.message().contains("alias")).toList());
    }

    @Test
    void anEmptyClusterBlockReadsAsNoClusterSoRewritingItChangesNothing() {
        // Found by CatalogueCodecFuzzTest: "cluster:" with empty values parsed to an empty ClusterAccess, which the
        // writer dropped, so writing the unchanged entry back read differently.
        Catalogue catalogue = codec.parse("c.yaml", """
                environments:
                  - name: dev
                    provider: aws
                    type: cloud
                    regions: [eu-west-1]
                    cluster:
                      apiServer:
                """);
        EnvironmentSpec dev = catalogue.environments().get(0);

        assertEquals(null, dev.cluster());
        assertEquals(List.of(dev), codec.parse("again.yaml", codec.withUpserted(catalogue, dev)).environments());
    }

    @Test
    void aBareBooleanWordWhereTextBelongsIsRefusedNotReadAsTrueOrFalse() {
        // Found by CatalogueCodecFuzzTest: "name: off" was read as the name "false", which the codec could then not
        // find again in the file to rewrite it.
        CatalogueInvalid invalid = assertThrows(CatalogueInvalid.class, () -> codec.parse("off.yaml", """
                environments:
                  - name: off
                    provider: aws
                    type: cloud
                    regions: [eu-west-2]
                """));

        assertEquals(List.of(new CatalogueError(2, "environments[0].name",
                "YAML reads a bare true/false/yes/no/on/off as a boolean: put text in quotes, e.g. 'off'")), invalid.errors());
        assertEquals("off", codec.parse("quoted.yaml", """
                environments:
                  - name: 'off'
                    provider: aws
                    type: cloud
                    regions: [eu-west-2]
                """).environments().get(0).name());
    }

    @Test
    void unknownProviderIsReportedWithLineAndField() {
        CatalogueInvalid invalid = assertThrows(CatalogueInvalid.class, () -> codec.parse("c.yaml", """
                environments:
                  - name: one
                    provider: aws
                    type: cloud
                    regions: [eu-west-1]
                  - name: two
                    provider: azr
                    type: cloud
                    regions: [westeurope]
                """));

        CatalogueError error = invalid.errors().get(0);
        assertEquals(7, error.line());
        assertEquals("environments[1].provider", error.field());
        assertTrue(error.message().contains("'azr' is not one of"), error.message());
        assertTrue(invalid.getMessage().startsWith("c.yaml line 7, environments[1].provider"), invalid.getMessage());
    }

    @Test
    void syntaxErrorIsReportedWithItsLine() {
        CatalogueInvalid invalid = assertThrows(CatalogueInvalid.class, () -> codec.parse("c.yaml", """
                environments:
                  - name: one
                    provider: [aws
                    type: cloud
                """));

        assertEquals("(syntax)", invalid.errors().get(0).field());
        assertTrue(invalid.errors().get(0).line() >= 3, invalid.errors().toString());
    }

    @Test
    void everyFaultIsListedNotJustTheFirst() {
        CatalogueInvalid invalid = assertThrows(CatalogueInvalid.class, () -> codec.parse("c.yaml", """
                environments:
                  - name: Bad_Name
                    provider: aws
                    type: cloud
                    regions: []
                  - name: fine
                    provider: gcp
                    type: mainframe
                    regions: [europe-west4]
                """));

        List<String> fields = invalid.errors().stream().map(CatalogueError::field).toList();
        assertEquals(List.of("environments[0].name", "environments[0].regions", "environments[1].type"), fields);
        assertEquals(List.of(2, 5, 8), invalid.errors().stream().map(CatalogueError::line).toList());
    }

    @Test
    void misspelledKeyIsRejected() {
        CatalogueInvalid invalid = assertThrows(CatalogueInvalid.class, () -> codec.parse("c.yaml", """
                environments:
                  - name: one
                    provider: aws
                    type: cloud
                    regions: [eu-west-1]
                    enabeld: false
                """));

        assertEquals(6, invalid.errors().get(0).line());
        assertTrue(invalid.errors().get(0).message().contains("unknown field 'enabeld'"), invalid.errors().toString());
    }

    @Test
    void duplicateNamesAreRejectedAtTheSecondDeclaration() {
        CatalogueInvalid invalid = assertThrows(CatalogueInvalid.class, () -> codec.parse("c.yaml", """
                environments:
                  - name: twin
                    provider: aws
                    type: cloud
                    regions: [eu-west-1]
                  - name: twin
                    provider: gcp
                    type: cloud
                    regions: [europe-west4]
                """));

        assertEquals(6, invalid.errors().get(0).line());
        assertTrue(invalid.errors().get(0).message().contains("first declared at line 2"), invalid.errors().toString());
    }

    @Test
    void regionOutsideThePolicyIsRejected() {
        CatalogueInvalid invalid = assertThrows(CatalogueInvalid.class, () -> codec.parse("c.yaml", """
                environments:
                  - name: one
                    provider: aws
                    type: cloud
                    regions: [us-east-1]
                    regionPolicy:
                      denied: [us-east-1]
                """));

        assertEquals("environments[0].regions", invalid.errors().get(0).field());
        assertEquals(5, invalid.errors().get(0).line());
    }

    @Test
    void malformedEndpointsAreRejected() {
        CatalogueInvalid invalid = assertThrows(CatalogueInvalid.class, () -> codec.parse("c.yaml", """
                environments:
                  - name: one
                    provider: aws
                    type: cloud
                    regions: [eu-west-1]
                    endpoints:
                      besuRpc: not a url
                      ccipRouter: "0x1234"
                """));

        assertEquals(List.of("environments[0].endpoints.besuRpc", "environments[0].endpoints.ccipRouter"),
                invalid.errors().stream().map(CatalogueError::field).sorted().toList());
        assertEquals(List.of(7, 8), invalid.errors().stream().map(CatalogueError::line).toList());
    }

    @Test
    void somethingOtherThanACatalogueIsRejected() {
        assertThrows(CatalogueInvalid.class, () -> codec.parse("c.yaml", "- just\n- a list\n"));
        assertThrows(CatalogueInvalid.class, () -> codec.parse("c.yaml", ""));
        assertThrows(CatalogueInvalid.class, () -> codec.parse("c.yaml", "environments: 3\n"));
        assertThrows(CatalogueInvalid.class, () -> codec.parse("c.yaml", "environments: []\nextra: 1\n"));
    }

    @Test
    void toggleChangesOnlyTheEnabledLineAndKeepsComments() throws IOException {
        String original = Files.readString(SHIPPED);
        Catalogue catalogue = codec.parse("environments.yaml", original);
        EnvironmentSpec first = catalogue.environments().get(0);

        String written = codec.withUpserted(catalogue, first.withEnabled(!first.enabled()));

        List<String> before = Arrays.asList(original.split("\n"));
        List<String> after = Arrays.asList(written.split("\n"));
        assertEquals(before.size(), after.size(), written);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(before.get(i) + " -> " + after.get(i));
            }
        }
        assertEquals(List.of("    enabled: " + first.enabled() + " -> " + "    enabled: " + !first.enabled()), changed);
    }

    @Test
    void addedEnvironmentIsAppendedAndRemovedOneDisappears() throws IOException {
        Catalogue catalogue = codec.parse("environments.yaml", Files.readString(SHIPPED));
        EnvironmentSpec added = new EnvironmentSpec("gcp-use1-lab", null, null, Provider.GCP, EnvironmentType.CLOUD,
                List.of("us-east1"), null, false, null, null, null, null).normalized();

        Catalogue withAdded = codec.parse("environments.yaml", codec.withUpserted(catalogue, added));
        assertEquals(added, withAdded.find("gcp-use1-lab").orElseThrow());
        assertEquals(catalogue.environments().size() + 1, withAdded.environments().size());

        String withoutFirst = codec.withRemoved(withAdded, catalogue.environments().get(0).name());
        Catalogue after = codec.parse("environments.yaml", withoutFirst);
        assertFalse(after.find(catalogue.environments().get(0).name()).isPresent());
        assertTrue(withoutFirst.startsWith("# Environment catalogue"), "the file's opening comment survives");
    }
}
