package io.orchestration.alert.domain;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** An alert as the API and events show it. */
public record AlertView(
        UUID id,
        String environment,
        String source,
        String name,
        Severity severity,
        String message,
        Map<String, String> labels,
        AlertStatus status,
        OffsetDateTime firstSeen,
        OffsetDateTime lastSeen,
        int count,
        boolean acknowledged,
        String acknowledgedBy,
        OffsetDateTime acknowledgedAt,
        String resolvedBy,
        OffsetDateTime resolvedAt,
        String fingerprint,
        boolean silenced) {

    /** {@code silenced}: an active silence mutes its notifications now (it is still recorded and listed). */
    public static AlertView of(Alert a, boolean silenced) {
        return new AlertView(a.id, a.environment, a.source, a.name, a.severity, a.message, a.labels, a.status,
                a.firstSeen, a.lastSeen, a.count, a.acknowledgedBy != null, a.acknowledgedBy, a.acknowledgedAt,
                a.resolvedBy, a.resolvedAt, a.fingerprint, silenced);
    }
}
