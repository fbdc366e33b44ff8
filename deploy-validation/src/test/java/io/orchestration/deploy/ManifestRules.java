package io.orchestration.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The portal's rules for a rendered overlay. Each check adds a sentence per broken rule; none means the overlay is fine.
 * The custom resources are checked for what their operators' documented schemas require and what the portal needs.
 */
final class ManifestRules {

    static final List<String> TOPICS = List.of("environment-events", "deployment-events", "monitoring-events", "alert-events",
            "cost-events", "admin-events", "audit-events");
    static final Set<String> DATABASES = Set.of("environment", "deployment", "monitoring", "alert", "cost", "admin");
    private static final String PROMETHEUS_NAMESPACE = "monitoring";
    private static final String INGRESS_NAMESPACE = "istio-system";

    /** What an overlay promises: replicas of each service, Kafka nodes, PostgreSQL instances, Secrets made elsewhere. */
    record Expectations(int serviceReplicas, int kafkaNodes, int databaseInstances, Set<String> externalSecrets) {
    }

    private final Manifests manifests;
    private final Expectations expected;
    private final List<String> violations = new ArrayList<>();

    private ManifestRules(Manifests manifests, Expectations expected) {
        this.manifests = manifests;
        this.expected = expected;
    }

    static List<String> violations(Manifests manifests, Expectations expected) {
        ManifestRules rules = new ManifestRules(manifests, expected);
        rules.checkModelFields();
        rules.checkServices();
        rules.checkExposure();
        rules.checkNetworkPolicies();
        rules.checkReferences();
        rules.checkImages();
        rules.checkCatalogue();
        rules.checkKafka();
        rules.checkPostgres();
        rules.checkServiceMonitor();
        rules.checkIstio();
        return rules.violations;
    }

    private void violation(String sentence) {
        violations.add(sentence);
    }

    private void checkModelFields() {
        manifests.all().forEach(object -> Manifests.unknownFields(object)
                .forEach(field -> violation("unknown field " + field + " (not in the Kubernetes model)")));
    }

    private void checkServices() {
        for (PortalTree.Service service : PortalTree.services()) {
            String name = service.name();
            Optional<Deployment> found = manifests.named(Deployment.class, name);
            if (found.isEmpty()) {
                violation("no Deployment " + name);
                continue;
            }
            Deployment deployment = found.get();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            if (!selects(deployment.getSpec().getSelector(), podLabels)) {
                violation("Deployment " + name + "'s selector does not select its own pods");
            }
            int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
            if (replicas < expected.serviceReplicas()) {
                violation("Deployment " + name + " has " + replicas + " replicas, fewer than " + expected.serviceReplicas());
            }
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            if (pod.getSecurityContext() == null || !Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())) {
                violation("Deployment " + name + " does not require a non-root user (securityContext.runAsNonRoot)");
            }
            Optional<Container> container = pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst();
            if (container.isEmpty()) {
                violation("Deployment " + name + " has no container named " + name);
                continue;
            }
            checkContainer(service, container.get());
            checkServiceObject(service, podLabels);
            checkAutoscaler(name);
            checkDisruptionBudget(name, podLabels);
        }
    }

    private void checkContainer(PortalTree.Service service, Container container) {
        String name = service.name();
        boolean portDeclared = container.getPorts() != null && container.getPorts().stream()
                .anyMatch(port -> "http".equals(port.getName()) && port.getContainerPort() == service.port());
        if (!portDeclared) {
            violation(name + " does not declare port http = " + service.port() + " (its quarkus.http.port)");
        }
        checkProbe(name, "readiness", container.getReadinessProbe(), "/q/health/ready", service.port());
        checkProbe(name, "liveness", container.getLivenessProbe(), "/q/health/live", service.port());
        var resources = container.getResources();
        if (resources == null || resources.getRequests() == null || !resources.getRequests().containsKey("cpu")
                || !resources.getRequests().containsKey("memory")) {
            violation(name + " requests no cpu and memory");
        }
        if (resources == null || resources.getLimits() == null || !resources.getLimits().containsKey("memory")) {
            violation(name + " has no memory limit");
        }
        Set<String> configurable = service.configurableByEnvironment();
        for (EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
            if (!configurable.contains(variable.getName())) {
                violation(name + " sets " + variable.getName() + ", which is no configuration key of the service");
            }
        }
    }

    private void checkProbe(String name, String kind, Probe probe, String path, int port) {
        HTTPGetAction get = probe == null ? null : probe.getHttpGet();
        if (get == null) {
            violation(name + " has no HTTP " + kind + " probe");
            return;
        }
        boolean rightPort = "http".equals(get.getPort().getStrVal()) || Objects.equals(get.getPort().getIntVal(), port);
        if (!path.equals(get.getPath()) || !rightPort) {
            violation(name + "'s " + kind + " probe asks " + get.getPath() + " on " + get.getPort() + ", not " + path + " on its port");
        }
    }

    private void checkServiceObject(PortalTree.Service service, Map<String, String> podLabels) {
        Optional<Service> found = manifests.named(Service.class, service.name());
        if (found.isEmpty()) {
            violation("no Service " + service.name());
            return;
        }
        Map<String, String> selector = found.get().getSpec().getSelector();
        if (selector == null || !podLabels.entrySet().containsAll(selector.entrySet())) {
            violation("Service " + service.name() + " does not select the Deployment's pods");
        }
        boolean port = found.get().getSpec().getPorts().stream()
                .anyMatch(p -> "http".equals(p.getName()) && p.getPort() == service.port());
        if (!port) {
            violation("Service " + service.name() + " has no port http = " + service.port());
        }
    }

    private void checkAutoscaler(String name) {
        Optional<HorizontalPodAutoscaler> found = manifests.ofType(HorizontalPodAutoscaler.class).stream()
                .filter(hpa -> "Deployment".equals(hpa.getSpec().getScaleTargetRef().getKind())
                        && name.equals(hpa.getSpec().getScaleTargetRef().getName())).findFirst();
        if (found.isEmpty()) {
            violation("no HorizontalPodAutoscaler scales " + name);
            return;
        }
        int min = Objects.requireNonNullElse(found.get().getSpec().getMinReplicas(), 1);
        if (min < expected.serviceReplicas() || found.get().getSpec().getMaxReplicas() < min) {
            violation("HorizontalPodAutoscaler of " + name + " scales " + min + ".." + found.get().getSpec().getMaxReplicas()
                    + ", not from " + expected.serviceReplicas() + " up");
        }
    }

    private void checkDisruptionBudget(String name, Map<String, String> podLabels) {
        boolean covered = manifests.ofType(PodDisruptionBudget.class).stream()
                .anyMatch(pdb -> selects(pdb.getSpec().getSelector(), podLabels));
        if (!covered) {
            violation("no PodDisruptionBudget covers " + name + "'s pods");
        }
    }

    /** Nothing but the Istio route reaches a pod from outside: no LoadBalancer or NodePort Service, no Ingress. */
    private void checkExposure() {
        for (Service service : manifests.ofType(Service.class)) {
            String type = Objects.requireNonNullElse(service.getSpec().getType(), "ClusterIP");
            if (!type.equals("ClusterIP")) {
                violation("Service " + service.getMetadata().getName() + " is exposed as " + type + "; only the gateway is reachable, through Istio");
            }
        }
        manifests.ofType(Ingress.class).forEach(ingress -> violation("Ingress " + ingress.getMetadata().getName()
                + " exposes the namespace; the gateway is reached through the Istio Gateway only"));
    }

    private void checkNetworkPolicies() {
        List<NetworkPolicy> policies = manifests.ofType(NetworkPolicy.class);
        boolean defaultDeny = policies.stream().anyMatch(policy -> isEmpty(policy.getSpec().getPodSelector())
                && policy.getSpec().getPolicyTypes().contains("Ingress")
                && (policy.getSpec().getIngress() == null || policy.getSpec().getIngress().isEmpty()));
        if (!defaultDeny) {
            violation("no default-deny ingress NetworkPolicy (empty podSelector, no ingress rule)");
        }
        for (PortalTree.Service service : PortalTree.services()) {
            Optional<Deployment> deployment = manifests.named(Deployment.class, service.name());
            if (deployment.isEmpty()) {
                continue;
            }
            Map<String, String> podLabels = deployment.get().getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicyPeer> admitted = policies.stream().filter(policy -> selects(policy.getSpec().getPodSelector(), podLabels))
                    .flatMap(policy -> Objects.requireNonNullElse(policy.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of()).stream())
                    .flatMap(rule -> rule.getFrom() == null || rule.getFrom().isEmpty()
                            ? List.of(new NetworkPolicyPeer()).stream() : rule.getFrom().stream())
                    .toList();
            boolean gateway = service.name().equals("gateway");
            for (NetworkPolicyPeer peer : admitted) {
                String from = describe(peer);
                boolean allowed = isPrometheus(peer)
                        || (gateway ? isIngressGateway(peer) : isPod(peer, "gateway"));
                if (!allowed) {
                    violation(service.name() + " admits " + from + (gateway ? "; the gateway is reached only through the Istio ingress gateway"
                            : "; a service is reached only by the gateway and Prometheus"));
                }
            }
            boolean reachable = admitted.stream().anyMatch(peer -> gateway ? isIngressGateway(peer) : isPod(peer, "gateway"));
            if (!reachable) {
                violation(service.name() + " cannot be reached by " + (gateway ? "the Istio ingress gateway" : "the gateway"));
            }
        }
        checkDatabasePolicy(policies);
    }

    private void checkDatabasePolicy(List<NetworkPolicy> policies) {
        String cluster = manifests.customOfKind("Cluster").stream().map(c -> c.getMetadata().getName()).findFirst().orElse("");
        Map<String, String> instanceLabels = Map.of("cnpg.io/cluster", cluster);
        List<NetworkPolicy> selecting = policies.stream().filter(policy -> !isEmpty(policy.getSpec().getPodSelector())
                && selects(policy.getSpec().getPodSelector(), instanceLabels)).toList();
        if (selecting.isEmpty()) {
            violation("no NetworkPolicy admits the services to PostgreSQL (pods cnpg.io/cluster=" + cluster + ")");
        }
        for (NetworkPolicy policy : selecting) {
            for (NetworkPolicyIngressRule rule : Objects.requireNonNullElse(policy.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of())) {
                if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                    violation("NetworkPolicy " + policy.getMetadata().getName() + " admits anyone to PostgreSQL");
                    continue;
                }
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    boolean allowed = isPortalService(peer) || isPodWith(peer, instanceLabels) || isNamespace(peer, "cnpg-system");
                    if (!allowed) {
                        violation("PostgreSQL admits " + describe(peer) + "; only the services, its own instances and its operator may connect");
                    }
                }
            }
        }
    }

    private void checkReferences() {
        Map<String, Secret> secrets = manifests.ofType(Secret.class).stream()
                .collect(Collectors.toMap(secret -> secret.getMetadata().getName(), secret -> secret));
        Map<String, ConfigMap> configMaps = manifests.ofType(ConfigMap.class).stream()
                .collect(Collectors.toMap(map -> map.getMetadata().getName(), map -> map));
        for (String external : expected.externalSecrets()) {
            if (secrets.containsKey(external)) {
                violation("Secret " + external + " is committed in the overlay; it must come from the cluster's secret store");
            }
        }
        for (Deployment deployment : manifests.ofType(Deployment.class)) {
            String owner = "Deployment " + deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(Objects.requireNonNullElse(pod.getInitContainers(), List.of()));
            for (Container container : containers) {
                for (EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
                    if (variable.getValueFrom() == null) {
                        continue;
                    }
                    var secretKey = variable.getValueFrom().getSecretKeyRef();
                    if (secretKey != null) {
                        secretKeyResolves(owner, secretKey.getName(), secretKey.getKey(), Boolean.TRUE.equals(secretKey.getOptional()), secrets);
                    }
                    var configKey = variable.getValueFrom().getConfigMapKeyRef();
                    if (configKey != null) {
                        ConfigMap map = configMaps.get(configKey.getName());
                        if (map == null || map.getData() == null || !map.getData().containsKey(configKey.getKey())) {
                            violation(owner + " reads key " + configKey.getKey() + " of ConfigMap " + configKey.getName() + ", which is not there");
                        }
                    }
                }
                Set<String> volumes = Objects.requireNonNullElse(pod.getVolumes(), List.<Volume>of()).stream().map(Volume::getName).collect(Collectors.toSet());
                Objects.requireNonNullElse(container.getVolumeMounts(), List.<io.fabric8.kubernetes.api.model.VolumeMount>of()).stream()
                        .filter(mount -> !volumes.contains(mount.getName()))
                        .forEach(mount -> violation(owner + " mounts volume " + mount.getName() + ", which the pod does not have"));
            }
            for (Volume volume : Objects.requireNonNullElse(pod.getVolumes(), List.<Volume>of())) {
                if (volume.getSecret() != null) {
                    secretKeyResolves(owner, volume.getSecret().getSecretName(), null, Boolean.TRUE.equals(volume.getSecret().getOptional()), secrets);
                }
                if (volume.getConfigMap() != null && !configMaps.containsKey(volume.getConfigMap().getName())) {
                    violation(owner + " mounts ConfigMap " + volume.getConfigMap().getName() + ", which is not there");
                }
                if (volume.getPersistentVolumeClaim() != null && manifests.ofType(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class).stream()
                        .noneMatch(claim -> claim.getMetadata().getName().equals(volume.getPersistentVolumeClaim().getClaimName()))) {
                    violation(owner + " mounts PersistentVolumeClaim " + volume.getPersistentVolumeClaim().getClaimName() + ", which is not there");
                }
            }
            String account = pod.getServiceAccountName();
            if (account != null && manifests.named(io.fabric8.kubernetes.api.model.ServiceAccount.class, account).isEmpty()) {
                violation(owner + " runs as ServiceAccount " + account + ", which is not there");
            }
        }
        manifests.customOfKind("Cluster").forEach(cluster -> {
            Object secret = path(cluster, "spec", "bootstrap", "initdb", "secret", "name");
            if (secret != null) {
                secretKeyResolves("Cluster " + cluster.getMetadata().getName(), secret.toString(), "password", false, secrets);
            }
        });
    }

    private void secretKeyResolves(String owner, String name, String key, boolean optional, Map<String, Secret> secrets) {
        Secret secret = secrets.get(name);
        if (secret == null) {
            if (!optional && !expected.externalSecrets().contains(name)) {
                violation(owner + " needs Secret " + name + ", which is neither in the overlay nor one made outside it");
            }
            return;
        }
        Set<String> keys = new HashSet<>();
        keys.addAll(Objects.requireNonNullElse(secret.getData(), Map.<String, String>of()).keySet());
        keys.addAll(Objects.requireNonNullElse(secret.getStringData(), Map.<String, String>of()).keySet());
        if (key != null && !keys.contains(key)) {
            violation(owner + " reads key " + key + " of Secret " + name + ", which has only " + new TreeSet<>(keys));
        }
    }

    /** All portal images: one registry path and one tag, each named after its service; init containers use their pod's image. */
    private void checkImages() {
        Set<String> prefixes = new LinkedHashSet<>();
        Set<String> tags = new LinkedHashSet<>();
        for (String name : PortalTree.SERVICE_NAMES) {
            manifests.named(Deployment.class, name).ifPresent(deployment -> {
                PodSpec pod = deployment.getSpec().getTemplate().getSpec();
                String image = pod.getContainers().get(0).getImage();
                int colon = image.lastIndexOf(':');
                String repository = colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
                if (colon <= image.lastIndexOf('/')) {
                    violation(name + "'s image " + image + " has no tag");
                } else {
                    tags.add(image.substring(colon + 1));
                }
                if (!repository.endsWith("/" + name)) {
                    violation(name + " runs image " + image + ", not one named " + name);
                } else {
                    prefixes.add(repository.substring(0, repository.length() - name.length()));
                }
                Objects.requireNonNullElse(pod.getInitContainers(), List.<Container>of()).stream()
                        .filter(init -> !init.getImage().equals(image))
                        .forEach(init -> violation(name + "'s init container runs " + init.getImage() + ", not the pod's image " + image));
            });
        }
        if (prefixes.size() > 1 || tags.size() > 1) {
            violation("the services' images come from several registries or tags: " + prefixes + " " + tags);
        }
    }

    private void checkCatalogue() {
        Optional<ConfigMap> catalogue = manifests.named(ConfigMap.class, "environment-catalogue");
        String shipped = read(PortalTree.ROOT.resolve("config/environments.yaml"));
        if (catalogue.isEmpty() || catalogue.get().getData() == null || !shipped.equals(catalogue.get().getData().get("environments.yaml"))) {
            violation("ConfigMap environment-catalogue is not config/environments.yaml (copy it to deploy/k8s/base/catalogue/)");
        }
    }

    private void checkKafka() {
        List<GenericKubernetesResource> kafkas = kindAt("Kafka", "kafka.strimzi.io/v1beta2");
        if (kafkas.size() != 1) {
            violation("expected one Strimzi Kafka, found " + kafkas.size());
            return;
        }
        GenericKubernetesResource kafka = kafkas.get(0);
        String name = kafka.getMetadata().getName();
        if (path(kafka, "spec", "zookeeper") != null) {
            violation("Kafka " + name + " has a ZooKeeper section; the portal's Kafka runs in KRaft mode");
        }
        Object listeners = path(kafka, "spec", "kafka", "listeners");
        Integer plainPort = null;
        if (!(listeners instanceof List<?> list) || list.isEmpty()) {
            violation("Kafka " + name + " has no listeners");
        } else {
            for (Object listener : list) {
                Map<?, ?> fields = (Map<?, ?>) listener;
                for (String required : List.of("name", "port", "type", "tls")) {
                    if (!fields.containsKey(required)) {
                        violation("a listener of Kafka " + name + " lacks " + required);
                    }
                }
                if (Boolean.FALSE.equals(fields.get("tls")) && fields.get("port") instanceof Number port) {
                    plainPort = port.intValue();
                }
                Object peers = fields.get("networkPolicyPeers");
                if (!(peers instanceof List<?> peerList) || peerList.isEmpty()) {
                    violation("listener " + fields.get("name") + " of Kafka " + name + " admits every pod; only the services may connect");
                } else {
                    for (Object peer : peerList) {
                        Object labels = ((Map<?, ?>) peer).get("podSelector") instanceof Map<?, ?> selector ? selector.get("matchLabels") : null;
                        if (!(labels instanceof Map<?, ?> match) || !"service".equals(match.get("app.kubernetes.io/component"))
                                || ((Map<?, ?>) peer).containsKey("namespaceSelector")) {
                            violation("listener " + fields.get("name") + " of Kafka " + name + " admits " + peer + "; only the services may connect");
                        }
                    }
                }
            }
        }
        List<GenericKubernetesResource> pools = kindAt("KafkaNodePool", "kafka.strimzi.io/v1beta2").stream()
                .filter(pool -> name.equals(pool.getMetadata().getLabels().get("strimzi.io/cluster"))).toList();
        int brokers = 0;
        boolean controllers = false;
        for (GenericKubernetesResource pool : pools) {
            Object roles = path(pool, "spec", "roles");
            int replicas = number(path(pool, "spec", "replicas"));
            if (!(roles instanceof List<?> roleList) || roleList.isEmpty()) {
                violation("KafkaNodePool " + pool.getMetadata().getName() + " has no roles");
                continue;
            }
            if (path(pool, "spec", "storage", "type") == null) {
                violation("KafkaNodePool " + pool.getMetadata().getName() + " has no storage");
            }
            brokers += roleList.contains("broker") ? replicas : 0;
            controllers |= roleList.contains("controller") && replicas > 0;
        }
        if (brokers != expected.kafkaNodes() || !controllers) {
            violation("Kafka " + name + " has " + brokers + " brokers" + (controllers ? "" : " and no KRaft controllers")
                    + " in its node pools, expected " + expected.kafkaNodes());
        }
        int minInSync = number(path(kafka, "spec", "kafka", "config", "min.insync.replicas"));
        Set<String> topics = new TreeSet<>();
        for (GenericKubernetesResource topic : kindAt("KafkaTopic", "kafka.strimzi.io/v1beta2")) {
            String topicName = topic.getMetadata().getName();
            topics.add(topicName);
            if (!name.equals(topic.getMetadata().getLabels().get("strimzi.io/cluster"))) {
                violation("KafkaTopic " + topicName + " is not labelled strimzi.io/cluster=" + name);
            }
            int replicas = number(path(topic, "spec", "replicas"));
            if (replicas != expected.kafkaNodes() || number(path(topic, "spec", "partitions")) < 1 || replicas < minInSync) {
                violation("KafkaTopic " + topicName + " has " + replicas + " replicas and " + path(topic, "spec", "partitions")
                        + " partitions; expected " + expected.kafkaNodes() + " replicas (min.insync.replicas " + minInSync + ")");
            }
            boolean compacted = "compact".equals(path(topic, "spec", "config", "cleanup.policy"));
            if (compacted != topicName.equals("environment-events")) {
                violation("KafkaTopic " + topicName + (compacted ? " is" : " is not") + " compacted; only environment-events is");
            }
        }
        if (!topics.equals(new TreeSet<>(TOPICS))) {
            violation("the KafkaTopics are " + topics + ", not the portal's seven " + TOPICS);
        }
        String bootstrap = name + "-kafka-bootstrap:" + plainPort;
        manifests.named(ConfigMap.class, "portal-platform").ifPresent(platform -> {
            if (!bootstrap.equals(platform.getData().get("KAFKA_BOOTSTRAP_SERVERS"))) {
                violation("KAFKA_BOOTSTRAP_SERVERS is " + platform.getData().get("KAFKA_BOOTSTRAP_SERVERS") + ", but Strimzi names it " + bootstrap);
            }
        });
    }

    private void checkPostgres() {
        List<GenericKubernetesResource> clusters = kindAt("Cluster", "postgresql.cnpg.io/v1");
        if (clusters.size() != 1) {
            violation("expected one CloudNativePG Cluster, found " + clusters.size());
            return;
        }
        GenericKubernetesResource cluster = clusters.get(0);
        String name = cluster.getMetadata().getName();
        if (number(path(cluster, "spec", "instances")) != expected.databaseInstances()) {
            violation("Cluster " + name + " has " + path(cluster, "spec", "instances") + " instances, expected " + expected.databaseInstances());
        }
        if (path(cluster, "spec", "storage", "size") == null) {
            violation("Cluster " + name + " has no storage size");
        }
        Object owner = path(cluster, "spec", "bootstrap", "initdb", "owner");
        Set<String> databases = new TreeSet<>();
        Object first = path(cluster, "spec", "bootstrap", "initdb", "database");
        if (first == null || owner == null) {
            violation("Cluster " + name + "'s initdb names no database and owner");
        } else {
            databases.add(first.toString());
        }
        for (GenericKubernetesResource database : kindAt("Database", "postgresql.cnpg.io/v1")) {
            if (!name.equals(path(database, "spec", "cluster", "name")) || !Objects.equals(owner, path(database, "spec", "owner"))) {
                violation("Database " + database.getMetadata().getName() + " is not owned by " + owner + " in Cluster " + name);
            }
            Object databaseName = path(database, "spec", "name");
            if (databaseName != null) {
                databases.add(databaseName.toString());
            }
        }
        if (!databases.equals(new TreeSet<>(DATABASES))) {
            violation("the Cluster's databases are " + databases + ", not the six services' " + new TreeSet<>(DATABASES));
        }
        manifests.named(ConfigMap.class, "portal-platform").ifPresent(platform -> {
            if (!(name + "-rw").equals(platform.getData().get("PORTAL_DB_HOST"))) {
                violation("PORTAL_DB_HOST is " + platform.getData().get("PORTAL_DB_HOST") + ", not the Cluster's primary " + name + "-rw");
            }
        });
    }

    private void checkServiceMonitor() {
        List<GenericKubernetesResource> monitors = kindAt("ServiceMonitor", "monitoring.coreos.com/v1");
        for (PortalTree.Service service : PortalTree.services()) {
            Optional<Service> object = manifests.named(Service.class, service.name());
            if (object.isEmpty()) {
                continue;
            }
            boolean scraped = monitors.stream().anyMatch(monitor -> {
                Object labels = path(monitor, "spec", "selector", "matchLabels");
                Object endpoints = path(monitor, "spec", "endpoints");
                return labels instanceof Map<?, ?> match
                        && object.get().getMetadata().getLabels().entrySet().containsAll(match.entrySet())
                        && endpoints instanceof List<?> list && list.stream().anyMatch(endpoint -> {
                            Map<?, ?> fields = (Map<?, ?>) endpoint;
                            return "/q/metrics".equals(fields.get("path")) && object.get().getSpec().getPorts().stream()
                                    .map(ServicePort::getName).anyMatch(port -> port.equals(fields.get("port")));
                        });
            });
            if (!scraped) {
                violation("no ServiceMonitor scrapes /q/metrics of " + service.name());
            }
        }
    }

    private void checkIstio() {
        List<GenericKubernetesResource> gateways = kindAt("Gateway", "networking.istio.io/v1beta1");
        List<GenericKubernetesResource> routes = kindAt("VirtualService", "networking.istio.io/v1beta1");
        if (gateways.size() != 1 || routes.isEmpty()) {
            violation("expected one Istio Gateway and a VirtualService, found " + gateways.size() + " and " + routes.size());
            return;
        }
        GenericKubernetesResource gateway = gateways.get(0);
        Object selector = path(gateway, "spec", "selector");
        if (!(selector instanceof Map<?, ?> labels) || labels.isEmpty()) {
            violation("Istio Gateway " + gateway.getMetadata().getName() + " selects no ingress gateway");
        }
        Set<Object> hosts = new HashSet<>();
        Object servers = path(gateway, "spec", "servers");
        if (!(servers instanceof List<?> serverList) || serverList.isEmpty()) {
            violation("Istio Gateway " + gateway.getMetadata().getName() + " has no servers");
        } else {
            for (Object server : serverList) {
                Map<?, ?> fields = (Map<?, ?>) server;
                Object port = fields.get("port");
                if (!(port instanceof Map<?, ?> portFields) || !portFields.containsKey("number") || !portFields.containsKey("protocol")
                        || !(fields.get("hosts") instanceof List<?> serverHosts) || serverHosts.isEmpty()) {
                    violation("a server of Istio Gateway " + gateway.getMetadata().getName() + " lacks port.number, port.protocol or hosts");
                } else {
                    hosts.addAll(serverHosts);
                }
            }
        }
        for (GenericKubernetesResource route : routes) {
            String name = route.getMetadata().getName();
            Object gatewaysOfRoute = path(route, "spec", "gateways");
            if (!(gatewaysOfRoute instanceof List<?> list) || !list.contains(gateway.getMetadata().getName())) {
                violation("VirtualService " + name + " is not bound to Gateway " + gateway.getMetadata().getName());
            }
            Object routeHosts = path(route, "spec", "hosts");
            if (!(routeHosts instanceof List<?> list) || !hosts.containsAll(list)) {
                violation("VirtualService " + name + "'s hosts " + routeHosts + " are not the Gateway's " + hosts);
            }
            Object http = path(route, "spec", "http");
            List<Object> destinations = new ArrayList<>();
            if (http instanceof List<?> rules) {
                for (Object rule : rules) {
                    if (((Map<?, ?>) rule).get("route") instanceof List<?> targets) {
                        targets.forEach(target -> destinations.add(((Map<?, ?>) target).get("destination")));
                    }
                }
            }
            if (destinations.isEmpty()) {
                violation("VirtualService " + name + " routes nowhere");
            }
            for (Object destination : destinations) {
                Map<?, ?> fields = destination instanceof Map<?, ?> map ? map : Map.of();
                Object port = fields.get("port") instanceof Map<?, ?> portFields ? portFields.get("number") : null;
                if (!"gateway".equals(fields.get("host")) || number(port) != PortalTree.service("gateway").port()) {
                    violation("VirtualService " + name + " routes to " + destination + "; only the gateway is exposed");
                }
            }
        }
    }

    private List<GenericKubernetesResource> kindAt(String kind, String apiVersion) {
        manifests.customOfKind(kind).stream().filter(object -> !apiVersion.equals(object.getApiVersion()))
                .forEach(object -> violation(kind + " " + object.getMetadata().getName() + " is " + object.getApiVersion() + ", expected " + apiVersion));
        return manifests.custom(apiVersion, kind);
    }

    private static Object path(GenericKubernetesResource object, String... keys) {
        Object current = object.getAdditionalProperties();
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    private static int number(Object value) {
        return value instanceof Number number ? number.intValue() : -1;
    }

    private static boolean isEmpty(LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }

    /** Whether a selector (matchLabels only: the portal uses no expressions) selects pods with these labels. */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            return false;
        }
        return selector.getMatchLabels() == null || labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static boolean isNamespace(NetworkPolicyPeer peer, String namespace) {
        return peer.getIpBlock() == null && peer.getNamespaceSelector() != null
                && Map.of("kubernetes.io/metadata.name", namespace).equals(peer.getNamespaceSelector().getMatchLabels());
    }

    private static boolean isIngressGateway(NetworkPolicyPeer peer) {
        return isNamespace(peer, INGRESS_NAMESPACE) && peer.getPodSelector() != null && !isEmpty(peer.getPodSelector());
    }

    private static boolean isPrometheus(NetworkPolicyPeer peer) {
        return isNamespace(peer, PROMETHEUS_NAMESPACE) && peer.getPodSelector() != null
                && "prometheus".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"));
    }

    private static boolean isPod(NetworkPolicyPeer peer, String name) {
        return isPodWith(peer, Map.of("app.kubernetes.io/name", name));
    }

    private static boolean isPodWith(NetworkPolicyPeer peer, Map<String, String> labels) {
        return peer.getIpBlock() == null && peer.getNamespaceSelector() == null && peer.getPodSelector() != null
                && labels.equals(peer.getPodSelector().getMatchLabels());
    }

    private static boolean isPortalService(NetworkPolicyPeer peer) {
        return peer.getIpBlock() == null && peer.getNamespaceSelector() == null && peer.getPodSelector() != null
                && "service".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))
                && "orchestration-portal".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/part-of"));
    }

    private static String describe(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() == null && peer.getNamespaceSelector() == null && peer.getPodSelector() == null) {
            return "every source";
        }
        return (peer.getIpBlock() != null ? "addresses " + peer.getIpBlock().getCidr() + " " : "")
                + (peer.getNamespaceSelector() != null ? "namespaces " + peer.getNamespaceSelector().getMatchLabels() + " " : "")
                + (peer.getPodSelector() != null ? "pods " + peer.getPodSelector().getMatchLabels() : "");
    }

    private static String read(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
