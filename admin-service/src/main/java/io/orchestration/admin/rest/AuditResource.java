package io.orchestration.admin.rest;

import io.orchestration.admin.audit.AuditEntryView;
import io.orchestration.admin.audit.AuditLog;
import io.orchestration.common.api.Paging;
import io.orchestration.common.api.ResultPage;
import io.orchestration.common.problem.ProblemException;
import io.orchestration.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The audit log of every service's mutating calls: admin only. */
@Path("/api/admin/audit-logs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    private final AuditLog auditLog;

    public AuditResource(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GET
    @Operation(summary = "Audit entries, newest first", description = "Filters: user, action (Resource.method), resource (type or"
            + " id), from / to (ISO-8601); page and size, or limit (the first page of that size).")
    public Uni<ResultPage<AuditEntryView>> list(@QueryParam("user") String user, @QueryParam("action") String action,
                                                @QueryParam("resource") String resource, @QueryParam("from") String from,
                                                @QueryParam("to") String to, @QueryParam("page") String page,
                                                @QueryParam("size") String size, @QueryParam("limit") String limit) {
        Paging paging = Paging.of(page, limit != null ? limit : size);
        return auditLog.list(new AuditLog.Filter(user, action, resource, time("from", from), time("to", to)), paging.page(), paging.size());
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Check the audit chain", description = "Whether every entry is there, unchanged and chained to the one"
            + " before it; where not, the first entry that breaks it and why.")
    public Uni<AuditLog.Verification> verify() {
        return auditLog.verify();
    }

    private static OffsetDateTime time(String name, String value) {
        try {
            return value == null || value.isBlank() ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException.InvalidInput("'" + name + "' must be an ISO-8601 time such as 2026-11-24T10:00:00Z, not '" + value + "'");
        }
    }
}
