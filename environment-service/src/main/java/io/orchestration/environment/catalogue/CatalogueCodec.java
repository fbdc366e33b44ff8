package io.orchestration.environment.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.orchestration.common.problem.JsonErrors;
import io.orchestration.environment.domain.EnvironmentSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes the catalogue YAML. Reading checks every entry with the same rules as the API
 * and reports each fault with its line and field; writing edits the parsed node tree in place,
 * so comments and the operator's layout survive wherever an entry did not change.
 */
@ApplicationScoped
public class CatalogueCodec {

    private static final int MAX_FILE_CODE_POINTS = 5 * 1024 * 1024;
    private static final java.util.regex.Pattern DASH_COMMENT = java.util.regex.Pattern.compile("^(\\s*)- (#.*)$");
    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on", "y");
    private static final Logger LOG = Logger.getLogger(CatalogueCodec.class);

    private final ObjectMapper reader;
    private final ObjectMapper writer;
    private final Validator validator;

    public CatalogueCodec(ObjectMapper json, Validator validator) {
        // Typos in the catalogue must fail loudly, whatever the API's Jackson settings are.
        this.reader = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // YAML reads a bare on/off/yes/no as a boolean: as a name or text it would silently become "true"/"false".
        this.reader.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // Nulls go; empty text stays (dropping it would read back as null). Empty lists and maps go in plainOf.
        this.writer = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.validator = validator;
    }

    /** Parses and validates a whole catalogue; throws {@link CatalogueInvalid} listing every fault. */
    public Catalogue parse(String file, String text) {
        Node rootNode = compose(file, text);
        if (!(rootNode instanceof MappingNode root)) {
            throw new CatalogueInvalid(file, List.of(new CatalogueError(lineOf(rootNode), Catalogue.ENVIRONMENTS,
                    "the catalogue must be a mapping with an 'environments' list")));
        }
        List<CatalogueError> errors = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        Object plain = toPlain(root, "", lines, errors);
        List<EnvironmentSpec> specs = new ArrayList<>();
        if (plain instanceof Map<?, ?> top) {
            for (Object key : top.keySet()) {
                if (!Catalogue.ENVIRONMENTS.equals(key)) {
                    errors.add(new CatalogueError(lines.getOrDefault(String.valueOf(key), 0), String.valueOf(key),
                            "unknown top-level key (only 'environments' is allowed)"));
                }
            }
            if (!(top.get(Catalogue.ENVIRONMENTS) instanceof List<?> entries)) {
                errors.add(new CatalogueError(lineOf(root), Catalogue.ENVIRONMENTS, "must be a list of environments"));
            } else {
                for (int i = 0; i < entries.size(); i++) {
                    readEntry(entries.get(i), Catalogue.ENVIRONMENTS + "[" + i + "]", lines, errors, specs);
                }
                checkUniqueNames(specs, lines, errors);
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(CatalogueError::line));
            throw new CatalogueInvalid(file, errors);
        }
        return new Catalogue(root, specs);
    }

    private static Node compose(String file, String text) {
        try {
            return yaml(true).compose(new StringReader(text));
        } catch (ClassCastException commentBug) {
            // SnakeYAML's comment handling breaks on some misplaced comments (one inside an unclosed flow list, found by
            // CatalogueCodecFuzzTest): read without comments to find the real syntax error.
            try {
                yaml(false).compose(new StringReader(text));
            } catch (RuntimeException e) {
                throw refused(file, e);
            }
            throw new CatalogueInvalid(file, List.of(new CatalogueError(0, "(syntax)",
                    "a comment where the catalogue cannot keep it (inside [...] or {...}): move it to a line of its own")));
        } catch (RuntimeException e) {
            throw refused(file, e);
        }
    }

    /** Composing only reads the text: whatever SnakeYAML throws on it is about the text, never our state. */
    private static CatalogueInvalid refused(String file, RuntimeException e) {
        if (e instanceof YAMLException yamlError) {
            return syntaxError(file, yamlError);
        }
        if (e instanceof NumberFormatException) {
            // SnakeYAML reads the hex digits of an escape at the very end of the text without checking they are there
            // (a file ending in a backslash and u inside double quotes, found by CatalogueCodecFuzzTest).
            return new CatalogueInvalid(file, List.of(new CatalogueError(0, "(syntax)",
                    "an escape sequence (\\x, \\u or \\U) without all its hex digits")));
        }
        return new CatalogueInvalid(file, List.of(new CatalogueError(0, "(syntax)", "the YAML parser could not read this text: " + e)));
    }

    private static CatalogueInvalid syntaxError(String file, YAMLException e) {
        if (e instanceof MarkedYAMLException marked) {
            int line = marked.getProblemMark() == null ? 0 : marked.getProblemMark().getLine() + 1;
            return new CatalogueInvalid(file, List.of(new CatalogueError(line, "(syntax)", firstLine(marked.getProblem()))));
        }
        return new CatalogueInvalid(file, List.of(new CatalogueError(0, "(syntax)", firstLine(e.getMessage()))));
    }

    /** The catalogue's text with {@code spec} added, or merged into the entry of the same name. */
    public String withUpserted(Catalogue catalogue, EnvironmentSpec spec) {
        SequenceNode entries = catalogue.environmentNodes();
        MappingNode desired = (MappingNode) yaml().represent(plainOf(spec));
        MappingNode existing = entryNode(entries, spec.name());
        if (existing == null) {
            entries.getValue().add(desired);
        } else {
            mergeInto(existing, desired);
        }
        return render(catalogue.root());
    }

    /** The catalogue's text without the entry named {@code name}. */
    public String withRemoved(Catalogue catalogue, String name) {
        SequenceNode entries = catalogue.environmentNodes();
        entries.getValue().remove(entryNode(entries, name));
        return render(catalogue.root());
    }

    private void readEntry(Object entry, String path, Map<String, Integer> lines, List<CatalogueError> errors,
                           List<EnvironmentSpec> specs) {
        int entryLine = lines.getOrDefault(path, 0);
        if (!(entry instanceof Map<?, ?>)) {
            errors.add(new CatalogueError(entryLine, path, "must be a mapping (name, provider, type, regions, ...)"));
            return;
        }
        EnvironmentSpec spec;
        try {
            spec = reader.convertValue(entry, EnvironmentSpec.class);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonProcessingException json) {
                String field = join(path, JsonErrors.fieldOf(json));
                errors.add(new CatalogueError(lineFor(field, lines, entryLine), field, messageOf(json)));
                return;
            }
            throw e;
        }
        List<ConstraintViolation<EnvironmentSpec>> violations = new ArrayList<>(validator.validate(spec));
        for (ConstraintViolation<EnvironmentSpec> violation : violations) {
            String field = join(path, propertyOf(violation));
            errors.add(new CatalogueError(lineFor(field, lines, entryLine), field, violation.getMessage()));
        }
        if (violations.isEmpty()) {
            specs.add(spec.normalized());
        }
    }

    private static String messageOf(JsonProcessingException json) {
        return json instanceof MismatchedInputException mismatch && mismatch.getTargetType() == String.class
                && String.valueOf(mismatch.getOriginalMessage()).contains("Boolean value")
                ? "YAML reads a bare true/false/yes/no/on/off as a boolean: put text in quotes, e.g. 'off'"
                : JsonErrors.messageOf(json);
    }

    private static void checkUniqueNames(List<EnvironmentSpec> specs, Map<String, Integer> lines, List<CatalogueError> errors) {
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            Integer earlier = firstIndex.putIfAbsent(specs.get(i).name(), i);
            if (earlier != null) {
                String field = Catalogue.ENVIRONMENTS + "[" + i + "].name";
                errors.add(new CatalogueError(lines.getOrDefault(field, 0), field,
                        "duplicate environment name '" + specs.get(i).name() + "' (first declared at line "
                                + lines.getOrDefault(Catalogue.ENVIRONMENTS + "[" + earlier + "].name", 0) + ")"));
            }
        }
    }

    /** Node tree to plain maps, lists and scalars, noting the line of every path on the way. */
    private Object toPlain(Node node, String path, Map<String, Integer> lines, List<CatalogueError> errors) {
        return toPlain(node, path, lines, errors, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** {@code enclosing}: the collections this node sits in; an alias back to one of them would never end. */
    private Object toPlain(Node node, String path, Map<String, Integer> lines, List<CatalogueError> errors,
                           Set<Node> enclosing) {
        lines.putIfAbsent(path, lineOf(node));
        if (node instanceof ScalarNode scalar) {
            return scalarValue(scalar);
        }
        if (!enclosing.add(node)) {
            errors.add(new CatalogueError(lineOf(node), path, "an alias (*name) refers to a block that contains it"));
            return null;
        }
        try {
            return node instanceof SequenceNode sequence
                    ? sequenceToPlain(sequence, path, lines, errors, enclosing)
                    : mappingToPlain((MappingNode) node, path, lines, errors, enclosing);
        } finally {
            enclosing.remove(node);
        }
    }

    private List<Object> sequenceToPlain(SequenceNode sequence, String path, Map<String, Integer> lines,
                                         List<CatalogueError> errors, Set<Node> enclosing) {
        List<Object> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(toPlain(item, path + "[" + items.size() + "]", lines, errors, enclosing));
        }
        return items;
    }

    private Map<String, Object> mappingToPlain(MappingNode mapping, String path, Map<String, Integer> lines,
                                               List<CatalogueError> errors, Set<Node> enclosing) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                errors.add(new CatalogueError(lineOf(tuple.getKeyNode()), path, "keys must be plain names"));
                continue;
            }
            String key = keyNode.getValue();
            String child = path.isEmpty() ? key : path + "." + key;
            if (fields.containsKey(key)) {
                errors.add(new CatalogueError(lineOf(keyNode), child, "duplicate key '" + key + "'"));
                continue;
            }
            lines.put(child, lineOf(keyNode));
            fields.put(key, toPlain(tuple.getValueNode(), child, lines, errors, enclosing));
        }
        return fields;
    }

    private static Object scalarValue(ScalarNode scalar) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return TRUE_WORDS.contains(text.toLowerCase());
        }
        if (Tag.INT.equals(tag)) {
            try {
                return Long.valueOf(text.replace("_", ""));
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return Double.valueOf(text.replace("_", ""));
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return text;
    }

    /** Keeps each unchanged value node as it is (with its comments); replaces changed ones; drops removed keys. */
    private void mergeInto(MappingNode existing, MappingNode desired) {
        Map<String, Node> wanted = new LinkedHashMap<>();
        for (NodeTuple tuple : desired.getValue()) {
            wanted.put(((ScalarNode) tuple.getKeyNode()).getValue(), tuple.getValueNode());
        }
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple tuple : existing.getValue()) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            Node replacement = wanted.remove(key);
            if (replacement == null) {
                continue;
            }
            boolean same = Objects.equals(dataOf(tuple.getValueNode()), dataOf(replacement));
            merged.add(same ? tuple : new NodeTuple(tuple.getKeyNode(), replacement));
        }
        wanted.forEach((key, value) -> merged.add(new NodeTuple(new ScalarNode(Tag.STR, key, null, null, DumperOptions.ScalarStyle.PLAIN), value)));
        existing.setValue(merged);
    }

    private static MappingNode entryNode(SequenceNode entries, String name) {
        for (Node entry : entries.getValue()) {
            if (entry instanceof MappingNode mapping && Catalogue.valueOf(mapping, "name") instanceof ScalarNode scalar
                    && scalar.getValue().equals(name)) {
                return mapping;
            }
        }
        return null;
    }

    private Map<String, Object> plainOf(EnvironmentSpec spec) {
        Map<String, Object> plain = writer.convertValue(spec, new TypeReference<LinkedHashMap<String, Object>>() { });
        dropEmpty(plain);
        return plain;
    }

    @SuppressWarnings("unchecked")
    private static void dropEmpty(Map<String, Object> map) {
        Iterator<Map.Entry<String, Object>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Object value = entries.next().getValue();
            if (value instanceof Map<?, ?> nested) {
                dropEmpty((Map<String, Object>) nested);
            }
            if (value == null || (value instanceof Map<?, ?> m && m.isEmpty()) || (value instanceof List<?> l && l.isEmpty())) {
                entries.remove();
            }
        }
    }

    /**
     * The tree as text, with the operator's comments where SnakeYAML can place them. Comments at odd places (less
     * indented than the block they sit in, found by CatalogueCodecFuzzTest) can come out where they break the YAML or
     * change what it says; then the file is written without comments rather than wrong.
     */
    private String render(MappingNode root) {
        String text = serialize(root);
        if (readsAs(root, text)) {
            return text;
        }
        LOG.warn("The catalogue's comments could not be kept where they were: writing it without comments");
        dropComments(root);
        return serialize(root);
    }

    /** Whether {@code text} holds the same data as the tree it was written from. */
    private boolean readsAs(MappingNode root, String text) {
        try {
            Node back = yaml(true).compose(new StringReader(text));
            return back != null && Objects.equals(dataOf(root), dataOf(back));
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private Object dataOf(Node node) {
        return toPlain(node, "", new HashMap<>(), new ArrayList<>());
    }

    private static String serialize(MappingNode root) {
        StringWriter out = new StringWriter();
        yaml().serialize(root, out);
        return commentsAboveDashes(out.toString());
    }

    private static void dropComments(Node node) {
        node.setBlockComments(null);
        node.setInLineComments(null);
        node.setEndComments(null);
        if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(CatalogueCodec::dropComments);
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                dropComments(tuple.getKeyNode());
                dropComments(tuple.getValueNode());
            }
        }
    }

    /**
     * SnakeYAML writes the comment that precedes a list item after the item's dash
     * ({@code - # comment}); move such comments back above the dash where the operator wrote them.
     */
    static String commentsAboveDashes(String yaml) {
        String[] lines = yaml.split("\n", -1);
        StringBuilder out = new StringBuilder(yaml.length());
        for (int i = 0; i < lines.length; i++) {
            java.util.regex.Matcher dash = DASH_COMMENT.matcher(lines[i]);
            if (!dash.matches()) {
                out.append(lines[i]).append(i < lines.length - 1 ? "\n" : "");
                continue;
            }
            String indent = dash.group(1);
            String itemIndent = indent + "  ";
            out.append(indent).append(dash.group(2)).append('\n');
            int next = i + 1;
            while (next < lines.length && lines[next].startsWith(itemIndent + "#")) {
                out.append(indent).append(lines[next].substring(itemIndent.length())).append('\n');
                next++;
            }
            if (next < lines.length && lines[next].startsWith(itemIndent)) {
                out.append(indent).append("- ").append(lines[next].substring(itemIndent.length()))
                        .append(next < lines.length - 1 ? "\n" : "");
            }
            i = next;
        }
        return out.toString();
    }

    /** SnakeYAML instances are not thread-safe: one per use is cheap enough for a catalogue. */
    private static Yaml yaml() {
        return yaml(true);
    }

    private static Yaml yaml(boolean comments) {
        LoaderOptions loading = new LoaderOptions();
        loading.setProcessComments(comments);
        loading.setAllowDuplicateKeys(true);
        loading.setMaxAliasesForCollections(20);
        loading.setCodePointLimit(MAX_FILE_CODE_POINTS);
        DumperOptions dumping = new DumperOptions();
        dumping.setProcessComments(true);
        dumping.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumping.setIndent(2);
        dumping.setIndicatorIndent(2);
        dumping.setIndentWithIndicator(true);
        dumping.setWidth(120);
        return new Yaml(new SafeConstructor(loading), new Representer(dumping), dumping, loading);
    }

    private static String propertyOf(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replaceAll("\\.?<[^>]+>", "");
    }

    /** The line of a field, or of its closest ancestor that has one. */
    private static int lineFor(String field, Map<String, Integer> lines, int fallback) {
        String path = field.replaceAll("\\[([^0-9\\]][^\\]]*)]", ".$1");
        while (!path.isEmpty()) {
            Integer line = lines.get(path);
            if (line != null) {
                return line;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut < 0 ? "" : path.substring(0, cut);
        }
        return fallback;
    }

    private static String join(String path, String field) {
        return field.isEmpty() ? path : path + "." + field;
    }

    private static int lineOf(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable YAML";
        }
        int cut = text.indexOf('\n');
        return cut > 0 ? text.substring(0, cut) : text;
    }
}
