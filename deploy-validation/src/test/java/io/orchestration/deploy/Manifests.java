package io.orchestration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rendered Kubernetes objects, parsed with the fabric8 model: the built-in kinds into their typed classes (a field the
 * model does not know is reported, as the API server's strict field validation would), the custom resources (Strimzi,
 * CloudNativePG, Istio, Prometheus Operator) as generic resources that the rules check field by field.
 */
final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<HasMetadata> objects;

    private Manifests(List<HasMetadata> objects) {
        this.objects = objects;
    }

    static Manifests parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try {
            for (JsonNode document : YAML.readerFor(JsonNode.class).readValues(yaml).readAll().stream().map(JsonNode.class::cast).toList()) {
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.hasNonNull("apiVersion") || !document.hasNonNull("kind") || !document.path("metadata").hasNonNull("name")) {
                    throw new AssertionError("An object without apiVersion, kind or metadata.name: " + document);
                }
                objects.add(SERIALIZATION.convertValue(document, HasMetadata.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(objects);
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return ofType(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }

    /** The custom resources of one kind (apiVersion group/version and kind), as generic resources. */
    List<GenericKubernetesResource> custom(String apiVersion, String kind) {
        return ofType(GenericKubernetesResource.class).stream()
                .filter(object -> apiVersion.equals(object.getApiVersion()) && kind.equals(object.getKind())).toList();
    }

    /** Custom resources of a kind under any apiVersion: to report one at an unexpected version. */
    List<GenericKubernetesResource> customOfKind(String kind) {
        return ofType(GenericKubernetesResource.class).stream().filter(object -> kind.equals(object.getKind())).toList();
    }

    /** Every field a typed object carries that its model class does not know (a typo, or a field at the wrong level). */
    static List<String> unknownFields(HasMetadata object) {
        List<String> found = new ArrayList<>();
        if (!(object instanceof GenericKubernetesResource)) {
            collectUnknown(object, object.getKind() + "/" + object.getMetadata().getName(), found);
        }
        return found;
    }

    private static void collectUnknown(Object value, String path, List<String> found) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + index++ + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> collectUnknown(item, path + "." + key, found));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class
                    || !getter.getName().startsWith("get")) {
                continue;
            }
            Object field = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    unknown.keySet().forEach(key -> found.add(path + "." + key));
                }
            } else {
                String name = getter.getName().substring(3);
                collectUnknown(field, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), found);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
