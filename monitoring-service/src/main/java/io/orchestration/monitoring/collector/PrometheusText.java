package io.orchestration.monitoring.collector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus text exposition format (version 0.0.4), as Besu, Cacti and FireFly serve it on
 * their metrics endpoints: one sample per line, {@code name{label="value",...} value [timestamp]},
 * comments and blank lines ignored. A line that cannot be read fails the whole parse.
 */
public final class PrometheusText {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int lineNumber = 0;
        for (String raw : text.split("\n", -1)) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(parseLine(line));
            } catch (RuntimeException e) {
                throw new TargetMisbehaves("metrics line " + lineNumber + " is not Prometheus text: " + e.getMessage(), e);
            }
        }
        return new PrometheusText(Collections.unmodifiableList(samples));
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Sum over every series of {@code name} whose labels include {@code labels}; null when there is none. */
    public Double sum(String name, Map<String, String> labels) {
        Double total = null;
        for (Sample sample : samples) {
            if (sample.name.equals(name) && sample.labels.entrySet().containsAll(labels.entrySet())) {
                total = (total == null ? 0 : total) + sample.value;
            }
        }
        return total;
    }

    public Double sum(String name) {
        return sum(name, Map.of());
    }

    private static Sample parseLine(String line) {
        int position = 0;
        while (position < line.length() && isNameChar(line.charAt(position))) {
            position++;
        }
        if (position == 0) {
            throw new IllegalArgumentException("no metric name");
        }
        String name = line.substring(0, position);
        Map<String, String> labels = new LinkedHashMap<>();
        if (position < line.length() && line.charAt(position) == '{') {
            position = parseLabels(line, position + 1, labels);
        }
        String[] rest = line.substring(position).strip().split("\\s+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("expected a value (and an optional timestamp) after " + name);
        }
        return new Sample(name, Collections.unmodifiableMap(labels), parseValue(rest[0]));
    }

    private static int parseLabels(String line, int position, Map<String, String> labels) {
        while (true) {
            position = skipSpaces(line, position);
            if (position >= line.length()) {
                throw new IllegalArgumentException("unclosed label set");
            }
            if (line.charAt(position) == '}') {
                return position + 1;
            }
            int nameStart = position;
            while (position < line.length() && isNameChar(line.charAt(position))) {
                position++;
            }
            String label = line.substring(nameStart, position);
            position = skipSpaces(line, position);
            if (label.isEmpty() || position + 1 >= line.length() || line.charAt(position) != '=' || line.charAt(position + 1) != '"') {
                throw new IllegalArgumentException("expected label=\"value\" at column " + (position + 1));
            }
            StringBuilder value = new StringBuilder();
            position += 2;
            while (true) {
                if (position >= line.length()) {
                    throw new IllegalArgumentException("unterminated value of label " + label);
                }
                char c = line.charAt(position++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && position < line.length()) {
                    char escaped = line.charAt(position++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(label, value.toString());
            position = skipSpaces(line, position);
            if (position < line.length() && line.charAt(position) == ',') {
                position++;
            }
        }
    }

    private static double parseValue(String text) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                return Double.parseDouble(text);
        }
    }

    private static int skipSpaces(String line, int position) {
        while (position < line.length() && line.charAt(position) == ' ') {
            position++;
        }
        return position;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
