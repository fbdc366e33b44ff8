package io.orchestration.admin.configuration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orchestration.common.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a component's JSON configuration may hold: camelCase keys, scalar values or flat lists of them, at most
 * 16 KiB; settings the portal itself reads have a type and a range. Every fault is reported, not just the first.
 */
final class ConfigRules {

    static final int MAX_BYTES = 16 * 1024;
    private static final Pattern KEY = Pattern.compile("[a-z][a-zA-Z0-9]{0,63}");

    /** Settings with a meaning to the portal: {minimum, maximum} of an integer. */
    private static final Map<String, long[]> INTEGER_RANGES = Map.of(
            "collectionIntervalSeconds", new long[]{5, 3600},
            "timeoutSeconds", new long[]{1, 120},
            "minPeers", new long[]{0, 1000},
            "maxBlockAgeSeconds", new long[]{1, 86_400},
            "maxFeedAgeSeconds", new long[]{1, 604_800});

    private ConfigRules() {
    }

    static void check(String component, ObjectNode config) {
        List<String> faults = new ArrayList<>();
        if (config.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            faults.add("the configuration is larger than " + MAX_BYTES + " bytes");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (!KEY.matcher(key).matches()) {
                faults.add("'" + key + "' is not a camelCase setting name");
            } else if (INTEGER_RANGES.containsKey(key)) {
                long[] range = INTEGER_RANGES.get(key);
                if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < range[0] || value.asLong() > range[1]) {
                    faults.add(key + " must be a whole number from " + range[0] + " to " + range[1] + ", not " + value);
                }
            } else if (value.isObject() || value.isArray() && containsContainers(value)) {
                faults.add(key + " must be a text, number, true/false or a flat list of them");
            }
        }
        if (!faults.isEmpty()) {
            throw new ProblemException.InvalidInput("The configuration of " + component + " is not valid: " + String.join("; ", faults));
        }
    }

    private static boolean containsContainers(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainerNode()) {
                return true;
            }
        }
        return false;
    }
}
