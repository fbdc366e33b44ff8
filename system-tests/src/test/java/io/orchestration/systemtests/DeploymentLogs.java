package io.orchestration.systemtests;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads a deployment's log page (GET /api/deployments/{id}/logs): its lines, its drivers, its steps. */
final class DeploymentLogs {

    private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+): ");
    private static final Pattern DRIVER = Pattern.compile("(?:Started|Resumed .*) by (deployment-service-[0-9a-f-]+)");

    private DeploymentLogs() {
    }

    static List<String> messages(JsonObject logs) {
        return logs.getJsonArray("lines").stream().map(line -> ((JsonObject) line).getString("message")).toList();
    }

    /** The instance that started the deployment, then each that resumed it, in order. */
    static List<String> drivers(JsonObject logs) {
        return messages(logs).stream().map(DRIVER::matcher).filter(Matcher::find).map(found -> found.group(1)).toList();
    }

    /** Every step "Step i/n" of the plan is in the log exactly once. */
    static void assertEachStepRanOnce(JsonObject logs) {
        List<String> messages = messages(logs);
        int total = -1;
        int[] seen = new int[64];
        for (String line : messages) {
            Matcher step = STEP.matcher(line);
            if (step.find()) {
                total = Integer.parseInt(step.group(2));
                seen[Integer.parseInt(step.group(1))]++;
            }
        }
        assertTrue(total > 3, "a canary has several steps: " + messages);
        for (int index = 1; index <= total; index++) {
            assertEquals(1, seen[index], "step " + index + "/" + total + " ran once: " + messages);
        }
    }
}
