package io.orchestration.cost.focus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Counts an import as it streams: rows, days and providers covered, environments, the first line errors. */
public final class ImportTally {

    private final int maxErrors;
    final TreeSet<String> providers = new TreeSet<>();
    final TreeSet<String> environments = new TreeSet<>();
    final List<Map<String, Object>> errors = new ArrayList<>();
    LocalDate firstDay;
    LocalDate lastDay;
    long rowsRead;
    long accepted;
    long rejected;
    long unallocated;

    public ImportTally(int maxErrors) {
        this.maxErrors = maxErrors;
    }

    void accepted(Charge charge) {
        accepted++;
        providers.add(charge.provider());
        if (charge.environment() == null) {
            unallocated++;
        } else {
            environments.add(charge.environment());
        }
        if (firstDay == null || charge.usageDate().isBefore(firstDay)) {
            firstDay = charge.usageDate();
        }
        if (lastDay == null || charge.usageDate().isAfter(lastDay)) {
            lastDay = charge.usageDate();
        }
    }

    void rejected(LineError error) {
        rejected++;
        if (errors.size() < maxErrors) {
            errors.add(Map.of("line", error.line(), "reason", error.reason()));
        }
    }

    boolean errorsTruncated() {
        return rejected > errors.size();
    }
}
