package io.orchestration.alert.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Mutes notifications of the alerts every one of its matchers selects, for a time window. */
@Entity
@Table(name = "silence")
public class Silence extends PanacheEntityBase {

    /** The matchers in a JSON object: Hibernate Reactive's JSON binding takes no top-level arrays. */
    public record Matchers(List<Matcher> all) {
    }

    @Id
    public UUID id;

    @JdbcTypeCode(SqlTypes.JSON)
    public Matchers matchers;

    @Column(name = "starts_at")
    public OffsetDateTime startsAt;

    @Column(name = "ends_at")
    public OffsetDateTime endsAt;

    @Column(name = "created_by")
    public String createdBy;

    public String comment;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "expired_by")
    public String expiredBy;

    @Version
    @Column(name = "row_version")
    public long rowVersion;

    public boolean activeAt(OffsetDateTime at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    public boolean mutes(Alert alert, OffsetDateTime at) {
        return activeAt(at) && matchers.all().stream().allMatch(matcher -> matcher.matches(alert));
    }

    /** Ends the silence now; false when it had already ended. */
    public boolean expire(String by, OffsetDateTime at) {
        if (!at.isBefore(endsAt)) {
            return false;
        }
        expiredBy = by;
        endsAt = at.isBefore(startsAt) ? startsAt : at;
        return true;
    }

    public String state(OffsetDateTime at) {
        return at.isBefore(startsAt) ? "pending" : at.isBefore(endsAt) ? "active" : "expired";
    }
}
