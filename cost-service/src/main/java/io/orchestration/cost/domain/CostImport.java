package io.orchestration.cost.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One FOCUS import: what it covered, how many rows went where, and its line errors. */
@Entity
@Table(name = "cost_import")
public class CostImport extends PanacheEntityBase {

    @Id
    public UUID id;

    /** staging, completed or rejected. */
    public String status;

    /** reject (a file with errors imports nothing) or import (good rows go in, bad ones are reported). */
    @Column(name = "on_error")
    public String onError;

    @Column(name = "first_day")
    public LocalDate firstDay;

    @Column(name = "last_day")
    public LocalDate lastDay;

    /** Provider ids of the file, comma separated: its rows replace these providers' imported rows of the same days. */
    public String providers;

    @Column(name = "rows_read")
    public long rowsRead;

    @Column(name = "rows_imported")
    public long rowsImported;

    @Column(name = "rows_rejected")
    public long rowsRejected;

    @Column(name = "rows_unallocated")
    public long rowsUnallocated;

    @Column(name = "rows_replaced")
    public long rowsReplaced;

    /** {"errors": [{"line", "reason"}], "errorsTruncated": bool}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> report;

    @Column(name = "imported_by")
    public String importedBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;
}
