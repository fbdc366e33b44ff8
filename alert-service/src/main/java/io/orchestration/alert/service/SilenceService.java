package io.orchestration.alert.service;

import io.orchestration.alert.domain.Alert;
import io.orchestration.alert.domain.Matcher;
import io.orchestration.alert.domain.Silence;
import io.orchestration.alert.domain.SilenceNotFound;
import io.orchestration.alert.domain.SilenceRequest;
import io.orchestration.alert.domain.SilenceView;
import io.orchestration.alert.repository.SilenceRepository;
import io.orchestration.common.api.ResultPage;
import io.orchestration.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** Silences: created for a time window, expired early by hand, and asked whether they mute an alert. */
@ApplicationScoped
public class SilenceService {

    /** Longer than this is a rule change, not a silence. */
    static final Duration MAX_LENGTH = Duration.ofDays(90);

    private final SilenceRepository silences;

    public SilenceService(SilenceRepository silences) {
        this.silences = silences;
    }

    @WithSession
    public Uni<ResultPage<SilenceView>> list(boolean notEndedOnly, int page, int size) {
        OffsetDateTime now = Alerts.now();
        return silences.findPage(notEndedOnly, now, page, size)
                .chain(found -> silences.countPage(notEndedOnly, now)
                        .map(total -> new ResultPage<>(found.stream().map(s -> SilenceView.of(s, now)).toList(), page, size, total)));
    }

    @WithSession
    public Uni<SilenceView> get(UUID id) {
        return find(id).map(s -> SilenceView.of(s, Alerts.now()));
    }

    @WithTransaction
    public Uni<SilenceView> create(SilenceRequest request, String by) {
        OffsetDateTime now = Alerts.now();
        OffsetDateTime startsAt = request.startsAt() == null ? now : request.startsAt();
        if (!request.endsAt().isAfter(startsAt) || !request.endsAt().isAfter(now)) {
            throw new ProblemException.InvalidInput("Field 'endsAt' must be after startsAt and in the future");
        }
        if (Duration.between(startsAt, request.endsAt()).compareTo(MAX_LENGTH) > 0) {
            throw new ProblemException.InvalidInput("A silence lasts at most " + MAX_LENGTH.toDays() + " days");
        }
        for (int i = 0; i < request.matchers().size(); i++) {
            Matcher matcher = request.matchers().get(i);
            String error = matcher.regexError();
            if (error != null) {
                throw new ProblemException.InvalidInput("Field 'matchers[" + i + "].value': not a regular expression (" + error + ")");
            }
        }
        Silence silence = new Silence();
        silence.id = UUID.randomUUID();
        silence.matchers = new Silence.Matchers(List.copyOf(request.matchers()));
        silence.startsAt = startsAt;
        silence.endsAt = request.endsAt();
        silence.comment = request.comment();
        silence.createdBy = by;
        silence.createdAt = now;
        return silences.persistAndFlush(silence).map(saved -> SilenceView.of(saved, now));
    }

    @WithTransaction
    public Uni<SilenceView> expire(UUID id, String by) {
        OffsetDateTime now = Alerts.now();
        return find(id).chain(silence -> silence.expire(by, now)
                ? silences.persistAndFlush(silence).map(saved -> SilenceView.of(saved, now))
                : Uni.createFrom().item(SilenceView.of(silence, now)));
    }

    /** Whether an active silence mutes {@code alert} now; in the caller's session. */
    public Uni<Boolean> isMuted(Alert alert) {
        return mutedNow().map(muted -> muted.test(alert));
    }

    /** Which alerts the silences active now mute; in the caller's session. */
    public Uni<Predicate<Alert>> mutedNow() {
        OffsetDateTime now = Alerts.now();
        return silences.findActive(now).map(active -> alert -> active.stream().anyMatch(silence -> silence.mutes(alert, now)));
    }

    private Uni<Silence> find(UUID id) {
        return silences.findById(id).onItem().ifNull().failWith(() -> new SilenceNotFound(id.toString()));
    }
}
