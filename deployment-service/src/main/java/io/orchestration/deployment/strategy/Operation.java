package io.orchestration.deployment.strategy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One thing a step does to a cluster (or checks in it). Typed so a live rollout can apply it; {@link #describe()}
 * is the exact line a dry run logs. Stored in the plan's JSON with its type under "op".
 */
// Plans stored before operations were typed hold bare strings: they read back as Described (defaultImpl).
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op", defaultImpl = Operation.Described.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = Operation.SetImage.class, name = "set-image"),
        @JsonSubTypes.Type(value = Operation.AwaitRollout.class, name = "await-rollout"),
        @JsonSubTypes.Type(value = Operation.RollPodByPod.class, name = "roll-pod-by-pod"),
        @JsonSubTypes.Type(value = Operation.CheckPodsReady.class, name = "check-pods-ready"),
        @JsonSubTypes.Type(value = Operation.CheckServiceEndpoints.class, name = "check-service-endpoints"),
        @JsonSubTypes.Type(value = Operation.Described.class, name = "described")})
public sealed interface Operation {

    String describe();

    /** Points the workload's container at a new image. */
    record SetImage(String kind, String namespace, String name, String container, String image) implements Operation {
        @Override
        public String describe() {
            return "PATCH apps/v1 " + kind + " " + namespace + "/" + name + " container '" + container + "' image -> " + image;
        }
    }

    /** Waits until the workload's controller has rolled every replica to its current spec. */
    record AwaitRollout(String kind, String namespace, String name) implements Operation {
        @Override
        public String describe() {
            return "WAIT apps/v1 " + kind + " " + namespace + "/" + name
                    + " until observedGeneration >= generation and updated = available = desired replicas";
        }
    }

    /**
     * Rolls a StatefulSet's pods one at a time, highest ordinal first: the StatefulSet controller's own
     * RollingUpdate does that order and the driver waits for it as for {@link AwaitRollout}. (Stepping the
     * partition with a chain-sync check per validator is not done yet; the description says only what is.)
     */
    record RollPodByPod(String namespace, String name) implements Operation {
        @Override
        public String describe() {
            return "WAIT apps/v1 StatefulSet " + namespace + "/" + name + " while its RollingUpdate replaces the pods one at"
                    + " a time, highest ordinal first, each Ready before the next, until updated = ready = desired replicas";
        }
    }

    /** Every pod of the namespace has condition Ready=True. */
    record CheckPodsReady(String namespace) implements Operation {
        @Override
        public String describe() {
            return "CHECK every pod in namespace " + namespace + " is Ready";
        }
    }

    /** Every Service of the namespace that selects pods has at least one ready endpoint address. */
    record CheckServiceEndpoints(String namespace) implements Operation {
        @Override
        public String describe() {
            return "CHECK every Service in namespace " + namespace + " has endpoints";
        }
    }

    /** An operation that is planned and logged, not yet applied to a live cluster. */
    record Described(String text) implements Operation {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Described {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Described of(String text) {
            return new Described(text);
        }

        @Override
        public String describe() {
            return text;
        }
    }
}
