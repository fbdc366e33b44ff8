package io.orchestration.alert.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One distinct alert and its history in numbers: when first and last seen, how often, who acknowledged it. */
@Entity
@Table(name = "alert")
public class Alert extends PanacheEntityBase {

    @Id
    public UUID id;

    public String fingerprint;

    public String environment;

    public String source;

    public String name;

    @Convert(converter = Severity.Column.class)
    public Severity severity;

    public String message;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> labels;

    @Convert(converter = AlertStatus.Column.class)
    public AlertStatus status;

    @Column(name = "first_seen")
    public OffsetDateTime firstSeen;

    @Column(name = "last_seen")
    public OffsetDateTime lastSeen;

    public int count;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    @Version
    @Column(name = "row_version")
    public long rowVersion;

    public static Alert firstOf(Signal signal, OffsetDateTime at) {
        Alert alert = new Alert();
        alert.id = UUID.randomUUID();
        alert.fingerprint = signal.fingerprint();
        alert.environment = signal.environment();
        alert.source = signal.source();
        alert.name = signal.name();
        alert.labels = signal.labels();
        alert.severity = signal.severity();
        alert.message = signal.message();
        alert.status = AlertStatus.FIRING;
        alert.firstSeen = at;
        alert.lastSeen = at;
        alert.count = 1;
        return alert;
    }

    /**
     * The same alert seen again: counted, with the latest severity and message. A resolved alert fires
     * again and needs a new acknowledgement.
     */
    public void seenAgain(Signal signal, OffsetDateTime at) {
        count++;
        lastSeen = at;
        severity = signal.severity();
        message = signal.message();
        if (status == AlertStatus.RESOLVED) {
            status = AlertStatus.FIRING;
            resolvedAt = null;
            resolvedBy = null;
            acknowledgedAt = null;
            acknowledgedBy = null;
        }
    }

    /** Records the first acknowledgement; false when someone already acknowledged it. */
    public boolean acknowledge(String by, OffsetDateTime at) {
        if (acknowledgedBy != null) {
            return false;
        }
        acknowledgedBy = by;
        acknowledgedAt = at;
        return true;
    }

    /** Resolves a firing alert; false when it already was. */
    public boolean resolve(String by, OffsetDateTime at) {
        if (status == AlertStatus.RESOLVED) {
            return false;
        }
        status = AlertStatus.RESOLVED;
        resolvedBy = by;
        resolvedAt = at;
        return true;
    }
}
