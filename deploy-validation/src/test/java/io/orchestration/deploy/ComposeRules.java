package io.orchestration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * docker-compose.yml: valid against the Compose Specification's JSON schema, and the portal's rules on top: health
 * checks everywhere, start order by health, only the gateway published, each service built from the one Dockerfile
 * with its own port and configured by keys it reads.
 */
final class ComposeRules {

    static final Path COMPOSE_FILE = PortalTree.ROOT.resolve("docker-compose.yml");
    static final String DOCKERFILE = "deploy/docker/Dockerfile.jvm";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern CREATE_DATABASE = Pattern.compile("CREATE DATABASE (\\w+)", Pattern.CASE_INSENSITIVE);

    private ComposeRules() {
    }

    static ObjectNode read() {
        try {
            return (ObjectNode) YAML.readTree(COMPOSE_FILE.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's complaints, one sentence each. */
    static List<String> schemaViolations(JsonNode compose) {
        try (InputStream schemaText = ComposeRules.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            // The schema marks subschemas with draft-4 style "id"s; under 2019-09 they are annotations, not identifiers.
            List<JsonMetaSchema> metaSchemas = Stream.of("http://json-schema.org/draft/2019-09/schema#", "http://json-schema.org/draft/2019-09/schema")
                    .map(iri -> JsonMetaSchema.builder(iri, JsonMetaSchema.getV201909()).keyword(new NonValidationKeyword("id")).build())
                    .toList();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909, factory -> factory.metaSchemas(metaSchemas))
                    .getSchema(schemaText);
            return schema.validate(compose).stream().map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> violations(JsonNode compose) {
        List<String> violations = new ArrayList<>();
        JsonNode services = compose.path("services");
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            boolean oneShot = "no".equals(service.path("restart").asText("no"));
            if (!oneShot && !service.path("healthcheck").path("test").isArray()) {
                violations.add(name + " has no health check");
            }
            if (service.has("ports") && !name.equals("gateway")) {
                violations.add(name + " publishes ports " + service.get("ports") + "; only the gateway is reachable from the host");
            }
            JsonNode dependsOn = service.path("depends_on");
            if (dependsOn.isArray()) {
                violations.add(name + " lists depends_on without conditions; it must wait for health, not for a start");
            }
            for (Iterator<Map.Entry<String, JsonNode>> deps = dependsOn.fields(); deps.hasNext(); ) {
                Map.Entry<String, JsonNode> dependency = deps.next();
                JsonNode target = services.path(dependency.getKey());
                String wanted = "no".equals(target.path("restart").asText("no")) ? "service_completed_successfully" : "service_healthy";
                String condition = dependency.getValue().path("condition").asText("");
                if (target.isMissingNode()) {
                    violations.add(name + " depends on " + dependency.getKey() + ", which is no service");
                } else if (!condition.equals(wanted)) {
                    violations.add(name + " waits for " + dependency.getKey() + " with '" + condition + "', not " + wanted);
                }
            }
        }
        JsonNode gatewayPorts = services.path("gateway").path("ports");
        int gatewayPort = PortalTree.service("gateway").port();
        if (!gatewayPorts.isArray() || gatewayPorts.size() != 1 || !gatewayPorts.get(0).asText().endsWith(":" + gatewayPort)) {
            violations.add("the gateway publishes " + gatewayPorts + ", not its port " + gatewayPort);
        }
        for (PortalTree.Service portal : PortalTree.services()) {
            checkPortalService(portal, services.path(portal.name()), services, violations);
        }
        checkDatabases(compose, violations);
        checkTopics(services, violations);
        return violations;
    }

    private static void checkPortalService(PortalTree.Service portal, JsonNode service, JsonNode services, List<String> violations) {
        String name = portal.name();
        if (service.isMissingNode()) {
            violations.add("no compose service " + name);
            return;
        }
        JsonNode build = service.path("build");
        Path context = PortalTree.ROOT.resolve(build.path("context").asText("")).normalize();
        Path dockerfile = context.resolve(build.path("dockerfile").asText("")).normalize();
        if (!context.equals(portal.module()) || !dockerfile.equals(PortalTree.ROOT.resolve(DOCKERFILE))) {
            violations.add(name + " is not built from " + DOCKERFILE + " with ./" + name + " as its context");
        }
        if (!String.valueOf(portal.port()).equals(build.path("args").path("HTTP_PORT").asText())) {
            violations.add(name + " is built with HTTP_PORT " + build.path("args").path("HTTP_PORT") + ", not its port " + portal.port());
        }
        if (!service.path("image").asText().startsWith("orchestration-portal/" + name + ":")) {
            violations.add(name + "'s image is " + service.path("image") + ", not orchestration-portal/" + name + ":<tag>");
        }
        String check = service.path("healthcheck").path("test").toString();
        if (!check.contains("127.0.0.1:" + portal.port() + "/q/health/ready")) {
            violations.add(name + "'s health check does not ask its readiness on port " + portal.port() + ": " + check);
        }
        Set<String> configurable = portal.configurableByEnvironment();
        JsonNode environment = service.path("environment");
        environment.fieldNames().forEachRemaining(variable -> {
            if (!configurable.contains(variable)) {
                violations.add(name + " sets " + variable + ", which is no configuration key of the service");
            }
        });
        if (portal.database() != null && !portal.database().equals(environment.path("PORTAL_DB").asText())) {
            violations.add(name + " uses database " + environment.path("PORTAL_DB") + ", not its own " + portal.database());
        }
        List<String> needs = new ArrayList<>(List.of("kafka"));
        if (portal.database() != null) {
            needs.add("postgres");
        }
        for (String infrastructure : needs) {
            if (!dependsTransitively(name, infrastructure, services, new TreeSet<>())) {
                violations.add(name + " starts without waiting for " + infrastructure);
            }
        }
    }

    private static boolean dependsTransitively(String from, String to, JsonNode services, Set<String> seen) {
        if (!seen.add(from)) {
            return false;
        }
        for (Iterator<String> deps = services.path(from).path("depends_on").fieldNames(); deps.hasNext(); ) {
            String dependency = deps.next();
            if (dependency.equals(to) || dependsTransitively(dependency, to, services, seen)) {
                return true;
            }
        }
        return false;
    }

    /** The postgres service's init script (a mounted file) creates the six services' databases. */
    private static void checkDatabases(JsonNode compose, List<String> violations) {
        Set<String> created = new TreeSet<>();
        for (JsonNode volume : compose.path("services").path("postgres").path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts.length >= 2 && parts[1].startsWith("/docker-entrypoint-initdb.d/")) {
                Path script = PortalTree.ROOT.resolve(parts[0]).normalize();
                try {
                    Matcher database = CREATE_DATABASE.matcher(Files.readString(script));
                    while (database.find()) {
                        created.add(database.group(1));
                    }
                } catch (IOException e) {
                    violations.add("the postgres init script " + parts[0] + " cannot be read: " + e.getMessage());
                }
            }
        }
        if (!created.equals(new TreeSet<>(ManifestRules.DATABASES))) {
            violations.add("the postgres init scripts create " + created + ", not the six services' databases");
        }
    }

    private static void checkTopics(JsonNode services, List<String> violations) {
        Map<String, Boolean> found = new HashMap<>();
        String command = services.path("kafka-topics").path("command").toString();
        ManifestRules.TOPICS.forEach(topic -> found.put(topic, command.contains(topic)));
        found.forEach((topic, there) -> {
            if (!there) {
                violations.add("kafka-topics does not create " + topic);
            }
        });
        if (!command.contains("environment-events ] && policy=compact")) {
            violations.add("kafka-topics does not compact environment-events");
        }
    }
}
