package io.orchestration.cost.focus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.orchestration.cost.config.CostConfig;
import io.orchestration.cost.domain.CostImport;
import io.orchestration.cost.domain.CostSource;
import io.orchestration.cost.domain.EnvironmentRef;
import io.orchestration.cost.domain.ImportReport;
import io.orchestration.cost.service.CostService;
import io.orchestration.cost.service.CostWatch;
import io.orchestration.cost.service.Currencies;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Imports a FOCUS file without holding it: rows stream from the request through the CSV reader into
 * one COPY to cost_staging (its own JDBC transaction, rolled back if the file is refused), then one
 * reactive transaction swaps them in, replacing the imported rows of the same providers and days,
 * and records the import, its events and what it sets off (budgets, anomalies, region violations).
 * Runs on a worker thread.
 */
@ApplicationScoped
public class FocusImporter {

    private static final Logger LOG = Logger.getLogger(FocusImporter.class);
    /**
     * An import at least this large refreshes cost_record's statistics before the checks that follow it read the
     * new rows: with the old ones the planner expected a handful of rows for the imported days and sorted millions
     * on disk (region violations and anomaly norms took about 20 s each for 5.6M rows; the ANALYZE takes about 1 s).
     */
    private static final int ANALYZE_AFTER_ROWS = 100_000;

    /** What to do with a file some of whose rows are bad. */
    public enum OnError { REJECT, IMPORT }

    private final AgroalDataSource jdbc;
    private final ObjectMapper json;
    private final Currencies currencies;
    private final CostConfig.ImportConfig config;
    private final CostService costs;
    private final CostWatch watch;

    public FocusImporter(AgroalDataSource jdbc, ObjectMapper json, Currencies currencies, CostConfig config, CostService costs,
                         CostWatch watch) {
        this.jdbc = jdbc;
        this.json = json;
        this.currencies = currencies;
        this.config = config.imports();
        this.costs = costs;
        this.watch = watch;
    }

    public ImportReport importFile(InputStream body, OnError onError, String actor) throws Throwable {
        UUID id = UUID.randomUUID();
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
        List<EnvironmentRef> environments = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> EnvironmentRef.<EnvironmentRef>listAll()));
        FocusReader reader = new FocusReader(json, currencies::isKnown, new EnvironmentMatcher(config.environmentTag(), environments));
        ImportTally tally = new ImportTally(config.maxReportedErrors());
        long startNanos = System.nanoTime();
        boolean staged = stage(id, decoded(body), reader, tally, onError);
        long stagedNanos = System.nanoTime();
        CostImport record = record(id, onError, tally, actor, started);
        if (!staged) {
            record.status = "rejected";
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(record::persist));
            throw new ImportRejected(ImportReport.of(record));
        }
        try {
            ImportReport report = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> swap(record, tally)));
            LOG.infof("Import %s by %s: %d rows read, %d imported, %d rejected, %d replaced; streamed and staged in %d ms, swapped in %d ms",
                    id, actor, report.rowsRead(), report.rowsImported(), report.rowsRejected(), report.rowsReplaced(),
                    (stagedNanos - startNanos) / 1_000_000, (System.nanoTime() - stagedNanos) / 1_000_000);
            return report;
        } finally {
            discardStaging(id);
        }
    }

    /** The body as sent, or unzipped when it is gzip (by its magic bytes), each counted against the limit. */
    private InputStream decoded(InputStream body) throws IOException {
        long maxBytes = config.maxSize().asLongValue();
        InputStream received = new BufferedInputStream(new LimitedInputStream(body, maxBytes, "The request body"), 64 * 1024);
        received.mark(2);
        boolean gzip = received.read() == 0x1f && received.read() == 0x8b;
        received.reset();
        if (!gzip) {
            return received;
        }
        try {
            return new LimitedInputStream(new GZIPInputStream(received, 64 * 1024), maxBytes, "The unzipped file");
        } catch (ZipException e) {
            throw new InvalidFocusFile("The body starts like gzip but is not: " + e.getMessage(), 0);
        }
    }

    /** COPYs the valid rows into cost_staging; false (and nothing kept) when bad rows refuse the file. */
    private boolean stage(UUID id, InputStream in, FocusReader reader, ImportTally tally, OnError onError) throws SQLException, IOException {
        try (Connection connection = jdbc.getConnection()) {
            connection.setAutoCommit(false);
            StagingCopy copy = new StagingCopy(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(StagingCopy.COPY), id,
                    config.batchRows());
            try {
                tally.rowsRead = reader.read(in, charge -> {
                    tally.accepted(charge);
                    copy.write(charge);
                }, tally::rejected);
                copy.finish();
            } catch (ZipException e) {
                copy.cancel();
                connection.rollback();
                throw new InvalidFocusFile("The gzip body is corrupt: " + e.getMessage(), 0);
            } catch (IOException | RuntimeException e) {
                copy.cancel();
                connection.rollback();
                throw e;
            }
            if (tally.rejected > 0 && onError == OnError.REJECT) {
                connection.rollback();
                return false;
            }
            connection.commit();
            return true;
        }
    }

    private Uni<ImportReport> swap(CostImport record, ImportTally tally) {
        if (tally.accepted == 0) {
            record.status = "completed";
            record.completedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return record.<CostImport>persist().map(ImportReport::of);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("select pg_advisory_xact_lock(hashtext('cost-import'))")
                        .getSingleResult()
                        .chain(() -> session.createNativeQuery("delete from cost_record where source = 'import' and provider in (:providers)"
                                        + " and usage_date between :first and :last")
                                .setParameter("providers", List.copyOf(tally.providers))
                                .setParameter("first", tally.firstDay).setParameter("last", tally.lastDay)
                                .executeUpdate())
                        .invoke(replaced -> record.rowsReplaced = replaced)
                        .chain(() -> session.createNativeQuery("insert into cost_record (environment, provider, resource_type, service_category,"
                                        + " resource_id, region, period, charge_start, charge_end, usage_date, amount, currency, source, import_id,"
                                        + " created_by, created_at) select environment, provider, resource_type, service_category, resource_id,"
                                        + " region, period, charge_start, charge_end, usage_date, amount, currency, 'import', import_id, :by, now()"
                                        + " from cost_staging where import_id = :id")
                                .setParameter("by", record.importedBy).setParameter("id", record.id)
                                .executeUpdate())
                        .call(imported -> imported < ANALYZE_AFTER_ROWS ? Uni.createFrom().voidItem()
                                : session.createNativeQuery("analyze cost_record").executeUpdate()))
                .invoke(imported -> {
                    record.rowsImported = imported;
                    record.status = "completed";
                    record.completedAt = OffsetDateTime.now(ZoneOffset.UTC);
                })
                .chain(() -> record.persist())
                .call(() -> costs.costsUpdated(CostSource.IMPORT, record.id, tally.firstDay, tally.lastDay, record.rowsImported,
                        new ArrayList<>(tally.environments)))
                .call(() -> watch.costsChanged(tally.firstDay, tally.lastDay))
                .map(done -> ImportReport.of(record));
    }

    private CostImport record(UUID id, OnError onError, ImportTally tally, String actor, OffsetDateTime started) {
        CostImport record = new CostImport();
        record.id = id;
        record.onError = onError.name().toLowerCase(java.util.Locale.ROOT);
        record.firstDay = tally.firstDay;
        record.lastDay = tally.lastDay;
        record.providers = String.join(",", tally.providers);
        record.rowsRead = tally.rowsRead;
        record.rowsRejected = tally.rejected;
        record.rowsUnallocated = tally.unallocated;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("errors", tally.errors);
        report.put("errorsTruncated", tally.errorsTruncated());
        record.report = report;
        record.importedBy = actor;
        record.createdAt = started;
        return record;
    }

    private void discardStaging(UUID id) throws SQLException {
        try (Connection connection = jdbc.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from cost_staging where import_id = ?")) {
            delete.setObject(1, id);
            delete.executeUpdate();
        }
    }
}
