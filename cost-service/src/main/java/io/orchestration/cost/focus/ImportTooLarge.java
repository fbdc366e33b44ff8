package io.orchestration.cost.focus;

import io.orchestration.common.problem.ProblemException;

/** 413: an import's body (or what its gzip expands to) passed the configured limit. */
public class ImportTooLarge extends ProblemException {
    public ImportTooLarge(String what, long maxBytes) {
        super(413, "request-too-large", "Request too large", what + " is larger than the import limit of " + maxBytes
                + " bytes (cost.imports.max-size); nothing was imported");
    }
}
