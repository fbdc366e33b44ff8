package io.orchestration.alert.rest;

import io.orchestration.alert.domain.AlertStatus;
import io.orchestration.alert.domain.Severity;
import io.orchestration.alert.repository.AlertRepository;
import io.orchestration.common.api.Paging;
import io.orchestration.common.problem.ProblemException;
import jakarta.ws.rs.QueryParam;

/** The alert lists' filters and paging, read as text so a bad value is a clear 400. */
public class AlertQuery {

    @QueryParam("severity")
    String severity;

    @QueryParam("status")
    String status;

    @QueryParam("unacknowledged_only")
    String unacknowledgedOnly;

    @QueryParam("source")
    String source;

    @QueryParam("page")
    String page;

    @QueryParam("size")
    String size;

    Paging paging() {
        return Paging.of(page, size);
    }

    AlertRepository.Filter filter(String environment) {
        return new AlertRepository.Filter(environment, severityOf(severity), statusOf(status),
                flagOf("unacknowledged_only", unacknowledgedOnly), source == null || source.isBlank() ? null : source);
    }

    private static Severity severityOf(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return Severity.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.InvalidInput("Query parameter 'severity' must be one of error, warning, info, not '" + id + "'");
        }
    }

    private static AlertStatus statusOf(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return AlertStatus.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.InvalidInput("Query parameter 'status' must be firing or resolved, not '" + id + "'");
        }
    }

    private static boolean flagOf(String name, String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        if (!text.equals("true") && !text.equals("false")) {
            throw new ProblemException.InvalidInput("Query parameter '" + name + "' must be true or false, not '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }
}
