package io.orchestration.cost.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What an import did, line errors included. */
public record ImportReport(UUID id, String status, String onError, LocalDate firstDay, LocalDate lastDay, List<String> providers,
                           long rowsRead, long rowsImported, long rowsRejected, long rowsUnallocated, long rowsReplaced,
                           List<?> errors, boolean errorsTruncated, String importedBy, OffsetDateTime createdAt,
                           OffsetDateTime completedAt) {

    public static ImportReport of(CostImport row) {
        Map<String, Object> report = row.report == null ? Map.of() : row.report;
        return new ImportReport(row.id, row.status, row.onError, row.firstDay, row.lastDay,
                row.providers == null || row.providers.isEmpty() ? List.of() : Arrays.asList(row.providers.split(",")),
                row.rowsRead, row.rowsImported, row.rowsRejected, row.rowsUnallocated, row.rowsReplaced,
                (List<?>) report.getOrDefault("errors", List.of()), Boolean.TRUE.equals(report.get("errorsTruncated")),
                row.importedBy, row.createdAt, row.completedAt);
    }

    /** The report for a list: the counts, with the line errors left out (errorsTruncated tells whether there were any). */
    public ImportReport withoutErrors() {
        return new ImportReport(id, status, onError, firstDay, lastDay, providers, rowsRead, rowsImported, rowsRejected,
                rowsUnallocated, rowsReplaced, List.of(), errorsTruncated || !errors.isEmpty(), importedBy, createdAt, completedAt);
    }
}
