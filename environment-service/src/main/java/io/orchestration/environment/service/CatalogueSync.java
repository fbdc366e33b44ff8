package io.orchestration.environment.service;

import io.orchestration.environment.catalogue.CatalogueFile;
import io.orchestration.environment.catalogue.CatalogueInvalid;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads the catalogue at start and on demand. The file is the operator's source: a valid file
 * wins; an invalid one is reported with its faults and the portal keeps its previous state.
 */
@ApplicationScoped
public class CatalogueSync {

    private static final Logger LOG = Logger.getLogger(CatalogueSync.class);

    private final EnvironmentService environments;
    private final CatalogueFile file;
    private final AtomicReference<CatalogueStatus> status = new AtomicReference<>();

    public CatalogueSync(EnvironmentService environments, CatalogueFile file) {
        this.environments = environments;
        this.file = file;
    }

    void loadAtStart(@Observes StartupEvent start) throws Throwable {
        try {
            SyncReport report = VertxContextSupport.subscribeAndAwait(() -> reload("catalogue"));
            LOG.infof("Catalogue %s loaded: %d created, %d updated, %d deleted, %d unchanged", report.file(),
                    report.created().size(), report.updated().size(), report.deleted().size(), report.unchanged());
        } catch (CatalogueInvalid e) {
            LOG.errorf("Catalogue rejected, keeping the stored environments: %s", e.getMessage());
        }
        int announced = VertxContextSupport.subscribeAndAwait(environments::announceAll);
        LOG.infof("Announced the current state of %d environments", announced);
    }

    /** Reloads the file now; fails with {@link CatalogueInvalid} (nothing changed) when it is wrong. */
    public Uni<SyncReport> reload(String actor) {
        return environments.syncFromCatalogue(actor)
                .invoke(report -> status.set(new CatalogueStatus(file.displayName(), true, now(), List.of(), report)))
                .onFailure(CatalogueInvalid.class).invoke(e -> status.set(new CatalogueStatus(file.displayName(), false, now(),
                        ((CatalogueInvalid) e).errors(), lastSync())));
    }

    public CatalogueStatus status() {
        CatalogueStatus current = status.get();
        return current != null ? current : new CatalogueStatus(file.displayName(), false, null, List.of(), null);
    }

    private SyncReport lastSync() {
        CatalogueStatus previous = status.get();
        return previous == null ? null : previous.lastSync();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
