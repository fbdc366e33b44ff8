package io.orchestration.cost.focus;

import io.orchestration.common.problem.ProblemException;
import io.orchestration.cost.domain.ImportReport;

import java.util.LinkedHashMap;
import java.util.Map;

/** 422: the file had bad rows and the caller chose onError=reject, so none of it was imported. */
public class ImportRejected extends ProblemException {
    public ImportRejected(ImportReport report) {
        super(422, "import-rejected", "Import rejected", report.rowsRejected() + " of " + report.rowsRead()
                + " rows are invalid and onError=reject: nothing was imported (see errors; onError=import imports the valid rows)",
                extensions(report));
    }

    private static Map<String, Object> extensions(ImportReport report) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("importId", report.id());
        extensions.put("rowsRead", report.rowsRead());
        extensions.put("rowsRejected", report.rowsRejected());
        extensions.put("errors", report.errors());
        extensions.put("errorsTruncated", report.errorsTruncated());
        return extensions;
    }
}
