package io.orchestration.admin.audit;

import io.orchestration.admin.domain.AuditEntry;

import java.time.OffsetDateTime;
import java.util.Map;

/** An audit entry as the API shows it. */
public record AuditEntryView(long seq, OffsetDateTime at, String service, String user, String clientIp, String action,
                             String method, String path, String resourceType, String resourceId, int status, Map<String, Object> details,
                             String hash) {

    public static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(e.seq, e.at, e.service, e.actor, e.clientIp, e.action, e.method, e.path, e.resourceType,
                e.resourceId, e.status, e.details, e.hash);
    }
}
