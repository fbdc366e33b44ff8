package io.orchestration.environment.support;

import io.orchestration.testing.KafkaTopicProbe;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks that a request left no trace: the same stored row, the same catalogue file, no event. */
public final class NothingChanges {

    private NothingChanges() {
    }

    /**
     * Sends {@code request} and asserts that the environment {@code name} (stored or not), the
     * catalogue file and the topic show no change; returns the response for the caller's checks.
     */
    public static ValidatableResponse when(String name, CatalogueOnDisk catalogue, Supplier<Response> request) {
        try (KafkaTopicProbe events = EnvironmentEvents.watch()) {
            Optional<EnvironmentTable.Row> rowBefore = EnvironmentTable.find(name);
            String fileBefore = catalogue.text();

            Response response = request.get();

            String answer = " (the service answered " + response.statusCode() + " " + response.asString() + ")";
            assertEquals(rowBefore, EnvironmentTable.find(name), "the stored row of '" + name + "' changed" + answer);
            assertEquals(fileBefore, catalogue.text(), "the catalogue file changed" + answer);
            assertEquals(List.of(), EnvironmentEvents.typesAbout(events, name), "events about '" + name + "'" + answer);
            return response.then();
        }
    }
}
