package io.orchestration.alert.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Something that says an alert is firing, whatever told us (an event, an operator, Alertmanager).
 * Its fingerprint names the alert: the same environment, source, name and labels are the same alert.
 */
public record Signal(String environment, String source, String name, Severity severity, String message,
                     Map<String, String> labels) {

    public Signal {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public String fingerprint() {
        StringBuilder identity = new StringBuilder()
                .append(environment == null ? "" : environment).append('\u0000')
                .append(source).append('\u0000')
                .append(name);
        new TreeMap<>(labels).forEach((key, value) -> identity.append('\u0000').append(key).append('=').append(value));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
