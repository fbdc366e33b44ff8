package io.orchestration.alert.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A silence as the API shows it, with its state now: pending, active or expired. */
public record SilenceView(UUID id, List<Matcher> matchers, OffsetDateTime startsAt, OffsetDateTime endsAt, String state,
                          String createdBy, String comment, OffsetDateTime createdAt, String expiredBy) {

    public static SilenceView of(Silence s, OffsetDateTime now) {
        return new SilenceView(s.id, s.matchers.all(), s.startsAt, s.endsAt, s.state(now), s.createdBy, s.comment, s.createdAt,
                s.expiredBy);
    }
}
