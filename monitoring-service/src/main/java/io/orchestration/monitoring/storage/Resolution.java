package io.orchestration.monitoring.storage;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** The resolutions samples are kept at: raw, and rollups per minute and per hour, each in its own table. */
public enum Resolution {
    RAW("sample", "at", Duration.ZERO, ChronoUnit.DAYS),
    MINUTE("sample_1m", "bucket", Duration.ofMinutes(1), ChronoUnit.DAYS),
    HOUR("sample_1h", "bucket", Duration.ofHours(1), ChronoUnit.MONTHS);

    private final String table;
    private final String timeColumn;
    private final Duration bucket;
    private final ChronoUnit partitionSpan;

    Resolution(String table, String timeColumn, Duration bucket, ChronoUnit partitionSpan) {
        this.table = table;
        this.timeColumn = timeColumn;
        this.bucket = bucket;
        this.partitionSpan = partitionSpan;
    }

    public String table() {
        return table;
    }

    public String timeColumn() {
        return timeColumn;
    }

    /** The width of one rollup bucket; zero for raw samples. */
    public Duration bucket() {
        return bucket;
    }

    /** Each partition holds one UTC day (raw, minute) or one UTC month (hour). */
    public ChronoUnit partitionSpan() {
        return partitionSpan;
    }
}
