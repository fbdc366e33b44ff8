package io.orchestration.deployment.cluster;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.orchestration.deployment.support.LiveCluster;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the Deployment and StatefulSet controllers of a namespace on the mock API server: a workload whose spec
 * changed (generation ahead of status.observedGeneration) gets the status of a finished rollout and as many pods as
 * it wants (labelled like its template, Ready), and the change is recorded in order as "Kind name -> image xN".
 * A workload marked stuck never rolls out; one marked unready rolls out with pods that are not Ready.
 */
public final class ClusterController implements AutoCloseable {

    /** The label that ties a pod to the workload that "created" it. */
    private static final String OWNER = "test-controller/owner";

    private final KubernetesClient client;
    private final String namespace;
    private final List<String> rollouts = new CopyOnWriteArrayList<>();
    private final Set<String> stuck = ConcurrentHashMap.newKeySet();
    private final Set<String> unready = ConcurrentHashMap.newKeySet();
    private final Map<String, String> statefulSetImages = new ConcurrentHashMap<>();
    private final Map<String, Integer> lowestReplaced = new ConcurrentHashMap<>();
    private final Thread loop;
    private volatile boolean running = true;

    public ClusterController(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.loop = new Thread(this::run, "cluster-controller-" + namespace);
        loop.setDaemon(true);
        loop.start();
    }

    /** New specs of this workload never roll out. */
    public void neverRollsOut(String name) {
        stuck.add(name);
    }

    /**
     * A controller for the namespace of an environment whose chain (besu-rpc and besu-validator, see
     * {@link LiveCluster#chainRunsVersion}) runs {@code version}, returned once both workloads have rolled out.
     */
    public static ClusterController runningChain(KubernetesClient client, String namespace, String version) {
        ClusterController controller = new ClusterController(client, namespace);
        LiveCluster.chainRunsVersion(client, namespace, version);
        controller.settled(2);
        return controller;
    }

    /** This workload's pods from now on are never Ready (its rollout still finishes). */
    public void podsNeverReady(String name) {
        unready.add(name);
    }

    /** New specs of this workload roll out again. */
    public void rollsOutAgain(String name) {
        stuck.remove(name);
    }

    /** Waits until {@code count} rollouts were done, then forgets them: the state a test starts from. */
    public void settled(int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (rollouts.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + rollouts + " rolled out of " + count + " workloads");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        rollouts.clear();
    }

    /** The rollouts done so far, in order, as "Kind name -> image". */
    public List<String> rollouts() {
        return List.copyOf(rollouts);
    }

    private void run() {
        while (running) {
            try {
                List<Deployment> deployments = client.apps().deployments().inNamespace(namespace).list().getItems();
                List<StatefulSet> statefulSets = client.apps().statefulSets().inNamespace(namespace).list().getItems();
                deployments.forEach(this::rollOut);
                statefulSets.forEach(this::rollOut);
                Set<String> workloads = new HashSet<>();
                deployments.forEach(d -> workloads.add(d.getMetadata().getName()));
                statefulSets.forEach(st -> workloads.add(st.getMetadata().getName()));
                // Pods of deleted workloads go, as garbage collection would take them.
                client.pods().inNamespace(namespace).withLabel(OWNER).list().getItems().stream()
                        .filter(pod -> !workloads.contains(pod.getMetadata().getLabels().get(OWNER)))
                        .forEach(pod -> client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete());
            } catch (KubernetesClientException conflict) {
                // The portal changed the workload meanwhile: the next pass sees its new version.
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void rollOut(Deployment d) {
        long generation = Objects.requireNonNullElse(d.getMetadata().getGeneration(), 0L);
        if (d.getStatus() != null && Objects.requireNonNullElse(d.getStatus().getObservedGeneration(), 0L) >= generation
                || stuck.contains(d.getMetadata().getName())) {
            return;
        }
        int replicas = d.getSpec().getReplicas();
        d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                .withUpdatedReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).build());
        client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
        runPods(d.getMetadata().getName(), d.getSpec().getTemplate(), replicas);
        rollouts.add("Deployment " + d.getMetadata().getName() + " -> " + d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
                + " x" + replicas);
    }

    private void rollOut(StatefulSet s) {
        String name = s.getMetadata().getName();
        long generation = Objects.requireNonNullElse(s.getMetadata().getGeneration(), 0L);
        if (s.getStatus() != null && Objects.requireNonNullElse(s.getStatus().getObservedGeneration(), 0L) >= generation
                || stuck.contains(name)) {
            return;
        }
        int replicas = s.getSpec().getReplicas();
        var strategy = s.getSpec().getUpdateStrategy();
        int partition = strategy == null || strategy.getRollingUpdate() == null || strategy.getRollingUpdate().getPartition() == null
                ? 0 : Math.min(strategy.getRollingUpdate().getPartition(), replicas);
        s.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                .withUpdatedReplicas(replicas - partition).withReadyReplicas(replicas).withAvailableReplicas(replicas).build());
        client.apps().statefulSets().inNamespace(namespace).resource(s).updateStatus();
        runPods(name, s.getSpec().getTemplate(), replicas);
        recordPodsReplaced(name, s.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), replicas, partition);
    }

    /**
     * Records the pods of a StatefulSet that now run its spec: all at once as "StatefulSet name -> image xN" when nothing
     * holds them, else each pod the partition released as "StatefulSet name pod K -> image", highest ordinal first.
     */
    private void recordPodsReplaced(String name, String image, int replicas, int partition) {
        if (!image.equals(statefulSetImages.put(name, image))) {
            lowestReplaced.put(name, replicas);
        }
        int lowest = lowestReplaced.get(name);
        if (partition == 0 && lowest == replicas) {
            rollouts.add("StatefulSet " + name + " -> " + image + " x" + replicas);
        } else {
            for (int ordinal = lowest - 1; ordinal >= partition; ordinal--) {
                rollouts.add("StatefulSet " + name + " pod " + ordinal + " -> " + image);
            }
        }
        lowestReplaced.put(name, Math.min(lowest, partition));
    }

    /** The rollouts {@code first}, then the three besu-validator pods walked to {@code image}, highest ordinal first. */
    public static List<String> thenValidators(String image, String... first) {
        List<String> rollouts = new java.util.ArrayList<>(List.of(first));
        for (int ordinal = 2; ordinal >= 0; ordinal--) {
            rollouts.add("StatefulSet besu-validator pod " + ordinal + " -> " + image);
        }
        return rollouts;
    }

    /** Replaces the workload's pods by {@code replicas} new ones from its template, Ready unless it is marked unready. */
    private void runPods(String workload, PodTemplateSpec template, int replicas) {
        client.pods().inNamespace(namespace).withLabel(OWNER, workload).list().getItems()
                .forEach(pod -> client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete());
        for (int i = 0; i < replicas; i++) {
            client.pods().inNamespace(namespace).resource(new PodBuilder()
                    .withNewMetadata().withName(workload + "-" + i).withNamespace(namespace)
                    .withLabels(template.getMetadata().getLabels()).addToLabels(OWNER, workload).endMetadata()
                    .withSpec(template.getSpec())
                    .withNewStatus().addNewCondition().withType("Ready").withStatus(unready.contains(workload) ? "False" : "True")
                    .endCondition().endStatus()
                    .build()).createOr(existing -> existing.update());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        loop.interrupt();
        loop.join(2000);
    }
}
