package io.orchestration.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' image, read statically (no image can be built here): non-root, a health check on readiness, the port
 * each service listens on, the small heap, and COPY sources that packaging produces.
 */
final class DockerfileRules {

    /** One Dockerfile instruction, continuation lines joined. */
    record Instruction(String keyword, String arguments) {
    }

    /** One image build: the service, its context directory and its build arguments. */
    record Build(String service, Path context, Map<String, String> args) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
    private static final Pattern HEAP = Pattern.compile("-Xmx\\d+[mMgG]");

    private DockerfileRules() {
    }

    static List<Instruction> parse(String dockerfile) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String trimmed = line.strip();
            if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String whole = current.toString().strip();
            current.setLength(0);
            int space = whole.indexOf(' ');
            instructions.add(new Instruction(whole.substring(0, space < 0 ? whole.length() : space).toUpperCase(Locale.ROOT),
                    space < 0 ? "" : whole.substring(space + 1).strip()));
        }
        return instructions;
    }

    /** The rules for the image itself, and for each build of it. {@code localHeap} is what ./portal gives a service. */
    static List<String> violations(String dockerfile, List<Build> builds, String localHeap) {
        List<String> violations = new ArrayList<>();
        List<Instruction> instructions = parse(dockerfile);
        List<Instruction> froms = only(instructions, "FROM");
        if (froms.isEmpty() || !froms.get(0).arguments().matches("\\S+:[\\w.\\-]+") || froms.get(0).arguments().endsWith(":latest")) {
            violations.add("the base image is not pinned to a tag: " + froms);
        }
        List<Instruction> users = only(instructions, "USER");
        String user = users.isEmpty() ? "root" : users.get(users.size() - 1).arguments();
        if (user.equals("root") || user.equals("0") || user.startsWith("0:") || user.startsWith("root:")) {
            violations.add("the image runs as root (USER " + user + "); it must run as a non-root user");
        }
        List<Instruction> healthchecks = only(instructions, "HEALTHCHECK");
        if (healthchecks.isEmpty() || !healthchecks.get(0).arguments().contains("/q/health/ready")) {
            violations.add("no HEALTHCHECK asks /q/health/ready");
        }
        String javaOptions = only(instructions, "ENV").stream().map(Instruction::arguments)
                .filter(env -> env.startsWith("JAVA_OPTS_APPEND")).findFirst().orElse("");
        Matcher heap = HEAP.matcher(javaOptions);
        boolean heapSet = heap.find();
        if (!heapSet || !heap.group().equals(localHeap)) {
            violations.add("JAVA_OPTS_APPEND sets heap " + (heapSet ? heap.group() : "none") + ", not the " + localHeap
                    + " the services run with locally");
        }
        for (Build build : builds) {
            Map<String, String> args = arguments(instructions, build.args());
            int port = PortalTree.service(build.service()).port();
            List<String> exposed = only(instructions, "EXPOSE").stream().map(expose -> substitute(expose.arguments(), args)).toList();
            if (!exposed.equals(List.of(String.valueOf(port)))) {
                violations.add(build.service() + "'s image exposes " + exposed + ", not its port " + port);
            }
            healthchecks.stream().map(check -> substitute(check.arguments(), args))
                    .filter(check -> !check.contains(":" + port + "/q/health/ready"))
                    .forEach(check -> violations.add(build.service() + "'s health check does not ask port " + port + ": " + check));
            if (Files.isDirectory(build.context().resolve("target/quarkus-app"))) {
                for (Instruction copy : only(instructions, "COPY")) {
                    List<String> parts = new ArrayList<>(List.of(copy.arguments().split("\\s+")));
                    parts.removeIf(part -> part.startsWith("--"));
                    for (String source : parts.subList(0, parts.size() - 1)) {
                        if (!matchesSomething(build.context(), substitute(source, args))) {
                            violations.add(build.service() + ": COPY " + source + " matches nothing in " + build.context()
                                    + " after packaging");
                        }
                    }
                }
            }
        }
        return violations;
    }

    /** The local heap flag from deploy/local/services.sh (the java command that starts each service). */
    static String localHeap() {
        try {
            Matcher heap = HEAP.matcher(Files.readString(PortalTree.ROOT.resolve("deploy/local/services.sh")));
            if (!heap.find()) {
                throw new IllegalStateException("deploy/local/services.sh sets no -Xmx");
            }
            return heap.group();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Instruction> only(List<Instruction> instructions, String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
    }

    private static Map<String, String> arguments(List<Instruction> instructions, Map<String, String> given) {
        Map<String, String> values = new HashMap<>();
        for (Instruction arg : only(instructions, "ARG")) {
            String[] declared = arg.arguments().split("=", 2);
            String name = declared[0].strip();
            String value = given.getOrDefault(name, declared.length > 1 ? declared[1].strip() : null);
            if (value != null) {
                values.put(name, value);
            }
        }
        for (Instruction env : only(instructions, "ENV")) {
            String[] set = env.arguments().split("=", 2);
            if (set.length == 2) {
                values.putIfAbsent(set[0].strip(), substitute(set[1].strip(), values));
            }
        }
        return values;
    }

    private static String substitute(String text, Map<String, String> values) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(result, Matcher.quoteReplacement(values.getOrDefault(variable.group(1), variable.group())));
        }
        variable.appendTail(result);
        return result.toString();
    }

    /** Whether a COPY source (a path, a directory ending in /, or a * pattern in its last part) exists in the context. */
    private static boolean matchesSomething(Path context, String source) {
        String path = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        int slash = path.lastIndexOf('/');
        String last = path.substring(slash + 1);
        Path parent = slash < 0 ? context : context.resolve(path.substring(0, slash));
        if (!last.contains("*")) {
            return Files.exists(parent.resolve(last));
        }
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(parent, last)) {
            return matches.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
