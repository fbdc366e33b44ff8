package io.orchestration.cost.focus;

import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.UUID;

/** Streams charges into cost_staging through one COPY, a chunk of rows per write. */
final class StagingCopy {

    static final String COPY = "copy cost_staging (import_id, environment, provider, resource_type, service_category, resource_id,"
            + " region, period, charge_start, charge_end, usage_date, amount, currency) from stdin (format csv)";

    private final CopyIn copy;
    private final String importId;
    private final int chunkRows;
    private final StringBuilder chunk = new StringBuilder(1 << 16);
    private int rowsInChunk;

    StagingCopy(CopyIn copy, UUID importId, int chunkRows) {
        this.copy = copy;
        this.importId = importId.toString();
        this.chunkRows = chunkRows;
    }

    void write(Charge charge) {
        chunk.append(importId).append(',');
        text(charge.environment());
        text(charge.provider());
        chunk.append(charge.resourceType().id()).append(',');
        text(charge.serviceCategory());
        text(charge.resourceId());
        text(charge.region());
        chunk.append(charge.period().id()).append(',')
                .append(charge.chargeStart()).append(',')
                .append(charge.chargeEnd()).append(',')
                .append(charge.usageDate()).append(',')
                .append(charge.amount().toPlainString()).append(',')
                .append(charge.currency()).append('\n');
        if (++rowsInChunk >= chunkRows) {
            flush();
        }
    }

    long finish() {
        flush();
        try {
            return copy.endCopy();
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into cost_staging failed: " + e.getMessage(), e);
        }
    }

    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction is rolled back next, which discards the copy either way
        }
    }

    private void text(String value) {
        if (value != null) {
            chunk.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
        chunk.append(',');
    }

    private void flush() {
        if (chunk.length() == 0) {
            return;
        }
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into cost_staging failed: " + e.getMessage(), e);
        }
        chunk.setLength(0);
        rowsInChunk = 0;
    }
}
