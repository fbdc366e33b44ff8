package io.orchestration.deployment.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the Deployment and StatefulSet controllers of a namespace on the mock API server: a workload whose spec
 * changed (generation ahead of status.observedGeneration) gets the status of a finished rollout, and the change is
 * recorded in order. A workload marked stuck never gets it, like a rollout whose new pods never become available.
 */
public final class ClusterController implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final List<String> rollouts = new CopyOnWriteArrayList<>();
    private final Set<String> stuck = ConcurrentHashMap.newKeySet();
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
                client.apps().deployments().inNamespace(namespace).list().getItems().forEach(this::rollOut);
                client.apps().statefulSets().inNamespace(namespace).list().getItems().forEach(this::rollOut);
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
        rollouts.add("Deployment " + d.getMetadata().getName() + " -> " + d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    private void rollOut(StatefulSet s) {
        long generation = Objects.requireNonNullElse(s.getMetadata().getGeneration(), 0L);
        if (s.getStatus() != null && Objects.requireNonNullElse(s.getStatus().getObservedGeneration(), 0L) >= generation
                || stuck.contains(s.getMetadata().getName())) {
            return;
        }
        int replicas = s.getSpec().getReplicas();
        s.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                .withUpdatedReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).build());
        client.apps().statefulSets().inNamespace(namespace).resource(s).updateStatus();
        rollouts.add("StatefulSet " + s.getMetadata().getName() + " -> " + s.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        loop.interrupt();
        loop.join(2000);
    }
}
