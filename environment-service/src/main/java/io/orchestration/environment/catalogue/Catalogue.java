package io.orchestration.environment.catalogue;

import io.orchestration.environment.domain.EnvironmentSpec;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.List;
import java.util.Optional;

/**
 * A parsed, valid catalogue: the environments it declares and the YAML node tree they came from.
 * Edits go through {@link CatalogueCodec} so the tree keeps the operator's comments and layout.
 */
public final class Catalogue {

    static final String ENVIRONMENTS = "environments";

    private final MappingNode root;
    private final List<EnvironmentSpec> environments;

    Catalogue(MappingNode root, List<EnvironmentSpec> environments) {
        this.root = root;
        this.environments = List.copyOf(environments);
    }

    public List<EnvironmentSpec> environments() {
        return environments;
    }

    public Optional<EnvironmentSpec> find(String name) {
        return environments.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    MappingNode root() {
        return root;
    }

    /** The sequence under {@code environments:}; present in every valid catalogue. */
    SequenceNode environmentNodes() {
        return (SequenceNode) valueOf(root, ENVIRONMENTS);
    }

    static Node valueOf(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }
}
