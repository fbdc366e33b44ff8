package io.orchestration.deployment.strategy;

import io.orchestration.deployment.domain.Color;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a live rollout learnt from the cluster while applying its plan, kept with the deployment: the colour that
 * served before a blue-green switch, whether traffic was switched, the image a workload ran before it was changed.
 * Later operations, a resumed driver and a rollback all read the same facts instead of guessing from the cluster.
 */
public final class RolloutFacts {

    /** The live colour of a workload that had none: its plain Deployment (named like the workload) served. */
    public static final String NO_COLOUR = "none";

    private final Map<String, String> facts;

    public RolloutFacts(Map<String, String> facts) {
        this.facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    public static RolloutFacts none() {
        return new RolloutFacts(Map.of());
    }

    /** The colour that served the workload when the rollout began ({@link #NO_COLOUR} for a workload without colours). */
    public Optional<String> liveColour(String namespace, String workload) {
        return Optional.ofNullable(facts.get(liveColourKey(namespace, workload)));
    }

    /** The colour the rollout deploys the new version to. */
    public Optional<Color> idleColour(String namespace, String workload) {
        return Optional.ofNullable(facts.get(idleColourKey(namespace, workload))).map(Color::fromId);
    }

    public boolean switched(String namespace, String workload) {
        return "true".equals(facts.get(switchedKey(namespace, workload)));
    }

    /** The image a workload's container ran before the rollout changed it. */
    public Optional<String> imageBefore(String kind, String namespace, String workload) {
        return Optional.ofNullable(facts.get(imageBeforeKey(kind, namespace, workload)));
    }

    public static Map<String, String> colours(String namespace, String workload, String live, Color idle) {
        return Map.of(liveColourKey(namespace, workload), live, idleColourKey(namespace, workload), idle.id());
    }

    public static Map<String, String> switchedTo(String namespace, String workload, boolean switched) {
        return Map.of(switchedKey(namespace, workload), Boolean.toString(switched));
    }

    public static Map<String, String> imageBefore(String kind, String namespace, String workload, String image) {
        return Map.of(imageBeforeKey(kind, namespace, workload), image);
    }

    /**
     * These facts with {@code learnt} added. A fact learnt again keeps its first value, except whether traffic is
     * switched, which follows the cluster: a step re-run after a crash must not overwrite what was true before it.
     */
    public static Map<String, String> merge(Map<String, String> known, Map<String, String> learnt) {
        Map<String, String> merged = new HashMap<>(known == null ? Map.of() : known);
        learnt.forEach((key, value) -> {
            if (key.startsWith("switched:")) {
                merged.put(key, value);
            } else {
                merged.putIfAbsent(key, value);
            }
        });
        return merged;
    }

    private static String liveColourKey(String namespace, String workload) {
        return "live-colour:" + namespace + "/" + workload;
    }

    private static String idleColourKey(String namespace, String workload) {
        return "idle-colour:" + namespace + "/" + workload;
    }

    private static String switchedKey(String namespace, String workload) {
        return "switched:" + namespace + "/" + workload;
    }

    private static String imageBeforeKey(String kind, String namespace, String workload) {
        return "image-before:" + kind + "/" + namespace + "/" + workload;
    }
}
