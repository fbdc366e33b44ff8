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

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

/** A notification channel and the alerts it takes: severity at least minSeverity, in one of its environments (or any). */
@Entity
@Table(name = "notification_channel")
public class Channel extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Convert(converter = ChannelType.Column.class)
    public ChannelType type;

    @JdbcTypeCode(SqlTypes.JSON)
    public ChannelSettings settings;

    @Convert(converter = Severity.Column.class)
    @Column(name = "min_severity")
    public Severity minSeverity;

    /** A PostgreSQL text[]; empty takes every environment. */
    public String[] environments;

    /** How long a new alert waits before its first notification, so one that resolves at once pages nobody. */
    @Column(name = "group_wait_ms")
    public long groupWaitMs;

    /** How long after a sent notification a still-firing alert is notified again. */
    @Column(name = "repeat_interval_ms")
    public long repeatIntervalMs;

    public boolean enabled;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    @Column(name = "row_version")
    public long rowVersion;

    public boolean routes(Alert alert) {
        return enabled && alert.severity.atLeast(minSeverity)
                && (environments.length == 0 || Arrays.asList(environments).contains(alert.environment));
    }

    public Duration groupWait() {
        return Duration.ofMillis(groupWaitMs);
    }

    public Duration repeatInterval() {
        return Duration.ofMillis(repeatIntervalMs);
    }
}
