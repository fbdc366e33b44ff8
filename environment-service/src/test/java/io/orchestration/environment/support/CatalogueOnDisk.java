package io.orchestration.environment.support;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static io.orchestration.environment.support.Callers.asAdmin;

/** The catalogue file the service under test reads and writes, as an operator sees it on disk. */
public final class CatalogueOnDisk {

    private final Path path;
    private final String shipped;

    CatalogueOnDisk(Path path, Path shipped) {
        this.path = path;
        try {
            this.shipped = Files.readString(shipped);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    public String text() {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> lines() {
        return text().lines().toList();
    }

    /** Edits the file by hand, as an operator would between two reloads. */
    public void write(String text) {
        try {
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The catalogue as shipped in config/environments.yaml, which every test run starts from. */
    public String shipped() {
        return shipped;
    }

    /**
     * Puts the shipped catalogue back and reloads it, so the stored environments match it again, then
     * waits until the events of that reload are on the topic, where they cannot mislead the next test.
     */
    public void resetToShipped() {
        write(shipped);
        asAdmin().post("/api/admin/environments/reload").then().statusCode(200);
        EnvironmentTable.awaitOutboxDrained();
    }

    /** The entry named {@code name}, as YAML reads it: a map of its fields. */
    public Optional<Map<String, Object>> entry(String name) {
        return entries().stream().filter(entry -> name.equals(entry.get("name"))).findFirst();
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> entries() {
        Map<String, Object> root = new Yaml().load(text());
        return (List<Map<String, Object>>) root.get("environments");
    }

    /** Names of the declared environments that match, in file order. */
    public List<String> namesWhere(Predicate<Map<String, Object>> wanted) {
        return entries().stream().filter(wanted).map(entry -> (String) entry.get("name")).toList();
    }

    /** An entry is enabled unless it says {@code enabled: false}. */
    public static boolean isEnabled(Map<String, Object> entry) {
        return !Boolean.FALSE.equals(entry.get("enabled"));
    }

    /** The name of the entry that line {@code index} (0-based) of {@code lines} belongs to. */
    public static String entryAt(List<String> lines, int index) {
        for (int i = index; i >= 0; i--) {
            String line = lines.get(i).trim();
            if (line.startsWith("- name: ")) {
                return line.substring("- name: ".length());
            }
        }
        return "(no entry)";
    }
}
