package io.orchestration.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository the deploy files describe: its seven services, read from their own configuration. */
final class PortalTree {

    /** The module's parent: Maven runs the tests in deploy-validation/. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static final List<String> SERVICE_NAMES = List.of("environment-service", "deployment-service", "monitoring-service",
            "alert-service", "cost-service", "admin-service", "gateway");

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(:[^}]*)?}");

    private PortalTree() {
    }

    /** One service as its application.properties describes it. */
    record Service(String name, int port, String database, Properties properties) {

        Path module() {
            return ROOT.resolve(name);
        }

        /**
         * The environment variables that set one of the service's configuration keys (its own, the shared common ones
         * and, for a service with a database, the outbox's), as MicroProfile Config maps names; plus the variables the
         * configuration itself names in expressions such as ${PORTAL_ADMIN_PASSWORD:}.
         */
        Set<String> configurableByEnvironment() {
            Set<String> names = new TreeSet<>();
            addKeys(names, properties);
            addKeys(names, load(ROOT.resolve("common/src/main/resources/META-INF/microprofile-config.properties")));
            if (database != null) {
                addKeys(names, load(ROOT.resolve("outbox/src/main/resources/META-INF/microprofile-config.properties")));
            }
            return names;
        }
    }

    static List<Service> services() {
        return SERVICE_NAMES.stream().map(PortalTree::service).toList();
    }

    static Service service(String name) {
        Properties properties = load(ROOT.resolve(name).resolve("src/main/resources/application.properties"));
        return new Service(name, Integer.parseInt(properties.getProperty("quarkus.http.port")), properties.getProperty("portal.db"),
                properties);
    }

    /** The environment variable MicroProfile Config reads for {@code key}: non-alphanumerics become _, upper case. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static void addKeys(Set<String> names, Properties properties) {
        for (String key : properties.stringPropertyNames()) {
            String unprofiled = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            names.add(environmentName(unprofiled));
            Matcher expression = EXPRESSION.matcher(properties.getProperty(key));
            while (expression.find()) {
                names.add(environmentName(expression.group(1)));
            }
        }
    }
}
