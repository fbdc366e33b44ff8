package io.orchestration.alert.service;

import io.orchestration.alert.domain.Alert;
import io.orchestration.alert.domain.AlertNotFound;
import io.orchestration.alert.domain.AlertView;
import io.orchestration.alert.domain.Signal;
import io.orchestration.alert.repository.AlertRepository;
import io.orchestration.common.api.ResultPage;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Alert use cases for the API; each change is one transaction. */
@ApplicationScoped
public class AlertService {

    private final AlertRepository repository;
    private final Alerts alerts;
    private final SilenceService silences;

    public AlertService(AlertRepository repository, Alerts alerts, SilenceService silences) {
        this.repository = repository;
        this.alerts = alerts;
        this.silences = silences;
    }

    @WithSession
    public Uni<ResultPage<AlertView>> list(AlertRepository.Filter filter, int page, int size) {
        return repository.findMatching(filter, page, size)
                .chain(found -> repository.countMatching(filter)
                        .chain(total -> silences.mutedNow().map(muted -> new ResultPage<>(
                                found.stream().map(alert -> AlertView.of(alert, muted.test(alert))).toList(), page, size, total))));
    }

    @WithSession
    public Uni<AlertView> get(UUID id) {
        return find(id).chain(alerts::viewOf);
    }

    @WithTransaction
    public Uni<Alerts.Raised> raise(Signal signal) {
        return alerts.raise(signal);
    }

    @WithTransaction
    public Uni<AlertView> acknowledge(UUID id, String by) {
        return find(id).chain(alert -> alerts.acknowledge(alert, by));
    }

    @WithTransaction
    public Uni<AlertView> resolve(UUID id, String by) {
        return find(id).chain(alert -> alerts.resolve(alert, by));
    }

    private Uni<Alert> find(UUID id) {
        return repository.findById(id).onItem().ifNull().failWith(() -> new AlertNotFound(id.toString()));
    }
}
