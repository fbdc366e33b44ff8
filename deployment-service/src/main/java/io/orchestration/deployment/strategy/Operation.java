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
        @JsonSubTypes.Type(value = Operation.SetPartition.class, name = "set-partition"),
        @JsonSubTypes.Type(value = Operation.CheckPodsReady.class, name = "check-pods-ready"),
        @JsonSubTypes.Type(value = Operation.CheckServiceEndpoints.class, name = "check-service-endpoints"),
        @JsonSubTypes.Type(value = Operation.CheckChain.class, name = "check-chain"),
        @JsonSubTypes.Type(value = Operation.RevertImage.class, name = "revert-image"),
        @JsonSubTypes.Type(value = Operation.DeployIdleColour.class, name = "deploy-idle-colour"),
        @JsonSubTypes.Type(value = Operation.AwaitIdleColour.class, name = "await-idle-colour"),
        @JsonSubTypes.Type(value = Operation.CheckIdleColourReady.class, name = "check-idle-colour-ready"),
        @JsonSubTypes.Type(value = Operation.SwitchTraffic.class, name = "switch-traffic"),
        @JsonSubTypes.Type(value = Operation.Stabilise.class, name = "stabilise"),
        @JsonSubTypes.Type(value = Operation.ScaleDownOldColour.class, name = "scale-down-old-colour"),
        @JsonSubTypes.Type(value = Operation.SwitchTrafficBack.class, name = "switch-traffic-back"),
        @JsonSubTypes.Type(value = Operation.ScaleDownIdleColour.class, name = "scale-down-idle-colour"),
        @JsonSubTypes.Type(value = Operation.CreateCanary.class, name = "create-canary"),
        @JsonSubTypes.Type(value = Operation.ApplyCanarySubsets.class, name = "apply-canary-subsets"),
        @JsonSubTypes.Type(value = Operation.SetCanaryWeight.class, name = "set-canary-weight"),
        @JsonSubTypes.Type(value = Operation.AnalyseCanary.class, name = "analyse-canary"),
        @JsonSubTypes.Type(value = Operation.DeleteCanary.class, name = "delete-canary"),
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
     * Sets a StatefulSet's RollingUpdate partition: only pods with an ordinal at or above it run the new spec. Null holds
     * every pod (the partition is the replica count), 0 releases them all.
     */
    record SetPartition(String namespace, String name, Integer partition) implements Operation {
        @Override
        public String describe() {
            return "PATCH apps/v1 StatefulSet " + namespace + "/" + name + " spec.updateStrategy.rollingUpdate.partition -> "
                    + (partition == null ? "its replica count (no pod is replaced until the walk releases it)" : partition);
        }
    }

    /**
     * Walks a held StatefulSet's partition down one ordinal at a time, highest first: each validator is replaced, must be
     * Ready, and (where the environment has a {@code validatorRpc} endpoint) answer over JSON-RPC, not syncing, with
     * peers, before the next is touched.
     */
    record RollPodByPod(String namespace, String name) implements Operation {
        @Override
        public String describe() {
            return "ROLL apps/v1 StatefulSet " + namespace + "/" + name + " one pod at a time, highest ordinal first: lower the"
                    + " partition to the pod's ordinal, WAIT until it is updated and every pod Ready, CHECK the validator is in sync"
                    + " (its validatorRpc endpoint), then the next";
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

    /** The chain behind the environment's besuRpc endpoint answers, produces blocks, is in sync and has peers. */
    record CheckChain() implements Operation {
        @Override
        public String describe() {
            return "CHECK Besu JSON-RPC (the besuRpc endpoint) answers eth_blockNumber, the block number advances,"
                    + " the node is in sync (eth_syncing false) and has the configured minimum of peers";
        }
    }

    /** Puts back the image a workload ran before this rollout changed it (a fact), else {@code fallbackImage} if known. */
    record RevertImage(String kind, String namespace, String name, String container, String fallbackImage) implements Operation {
        @Override
        public String describe() {
            return "PATCH apps/v1 " + kind + " " + namespace + "/" + name + " container '" + container + "' image -> the image it ran"
                    + " before this rollout" + (fallbackImage == null ? "" : " (else " + fallbackImage + ")") + ", if it was changed";
        }
    }

    /**
     * Blue-green: learns the live colour from the Service's selector and (re)creates the other colour's Deployment
     * from the live one's spec with the new image. A workload without colours has its plain Deployment live; green comes first.
     */
    record DeployIdleColour(String namespace, String name, String container, String image) implements Operation {
        @Override
        public String describe() {
            return "READ v1 Service " + namespace + "/" + name + " selector 'color' -> the live colour (none: Deployment " + namespace
                    + "/" + name + " serves); APPLY apps/v1 Deployment " + namespace + "/" + name + "-<idle colour> from the live"
                    + " spec with container '" + container + "' image " + image + ", label color=<idle colour>, the live replicas";
        }
    }

    /** Blue-green: waits for the idle colour's Deployment to roll out. */
    record AwaitIdleColour(String namespace, String name) implements Operation {
        @Override
        public String describe() {
            return "WAIT apps/v1 Deployment " + namespace + "/" + name + "-<idle colour> until observedGeneration >= generation"
                    + " and updated = available = desired replicas";
        }
    }

    /** Blue-green: the idle colour's pods are all there and Ready, before it gets any traffic. */
    record CheckIdleColourReady(String namespace, String name) implements Operation {
        @Override
        public String describe() {
            return "CHECK the pods of " + namespace + "/" + name + "-<idle colour> are Ready, as many as its replicas";
        }
    }

    /** Blue-green: points the Service at the idle colour. */
    record SwitchTraffic(String namespace, String name) implements Operation {
        @Override
        public String describe() {
            return "PATCH v1 Service " + namespace + "/" + name + " spec.selector.color: <live colour> -> <idle colour>";
        }
    }

    /** Blue-green: lets the new colour serve for a while, then checks it again; a failure switches back. */
    record Stabilise(String namespace, String name, long seconds) implements Operation {
        @Override
        public String describe() {
            return "WAIT " + seconds + "s, then CHECK the pods of " + namespace + "/" + name + "-<idle colour> are Ready and Service "
                    + namespace + "/" + name + " has endpoints; on failure PATCH the selector back";
        }
    }

    /** Blue-green: the colour that served before keeps its spec (for a quick redeploy) but no replicas. */
    record ScaleDownOldColour(String namespace, String name) implements Operation {
        @Override
        public String describe() {
            return "SCALE apps/v1 Deployment " + namespace + "/" + name + "-<live colour> (or " + namespace + "/" + name
                    + " when it had no colour) to 0 replicas";
        }
    }

    /** Blue-green rollback: the Service selects the colour that was live before, if traffic had been switched. */
    record SwitchTrafficBack(String namespace, String name) implements Operation {
        @Override
        public String describe() {
            return "PATCH v1 Service " + namespace + "/" + name + " spec.selector.color back to the colour live before, if switched";
        }
    }

    /** Blue-green rollback: the colour that received the new version gets no replicas. */
    record ScaleDownIdleColour(String namespace, String name) implements Operation {
        @Override
        public String describe() {
            return "SCALE apps/v1 Deployment " + namespace + "/" + name + "-<idle colour> to 0 replicas";
        }
    }

    /** Canary: a Deployment {@code <name>-canary} from the stable one's spec, one replica, the new image, track=canary. */
    record CreateCanary(String namespace, String name, String container, String image) implements Operation {
        @Override
        public String describe() {
            return "APPLY apps/v1 Deployment " + namespace + "/" + name + "-canary from " + namespace + "/" + name + "'s spec:"
                    + " replicas 1, container '" + container + "' image " + image + ", label track=canary";
        }
    }

    /** Canary: Istio subsets for the stable (track=stable) and canary (track=canary) pods of the workload's host. */
    record ApplyCanarySubsets(String namespace, String name) implements Operation {
        @Override
        public String describe() {
            return "APPLY networking.istio.io/v1 DestinationRule " + namespace + "/" + name
                    + " subsets stable (track=stable), canary (track=canary)";
        }
    }

    /** Canary: the share of the workload's traffic Istio sends to the canary subset. */
    record SetCanaryWeight(String namespace, String name, int weight) implements Operation {
        @Override
        public String describe() {
            return "PATCH networking.istio.io/v1 VirtualService " + namespace + "/" + name + " route weights stable "
                    + (100 - weight) + ", canary " + weight;
        }
    }

    /** Canary: lets the step's traffic flow, then holds the canary's error rate from Prometheus against the threshold. */
    record AnalyseCanary(String namespace, String name, long pauseSeconds, double maxErrorRate, String query) implements Operation {
        @Override
        public String describe() {
            return "WAIT " + pauseSeconds + "s, then QUERY Prometheus " + query + "; ROLL BACK if the error rate exceeds " + maxErrorRate;
        }
    }

    /** Canary: the canary Deployment is deleted. */
    record DeleteCanary(String namespace, String name) implements Operation {
        @Override
        public String describe() {
            return "DELETE apps/v1 Deployment " + namespace + "/" + name + "-canary";
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
