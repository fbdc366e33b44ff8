package io.orchestration.admin.audit;

import io.orchestration.common.events.EventTypes;
import io.orchestration.outbox.EventIntake;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Stores every service's audit records (audit-events) in the audit log, each once. */
@ApplicationScoped
public class AuditRecorder {

    private static final String CONSUMER = "admin-service.audit";

    private final EventIntake intake;
    private final AuditLog auditLog;

    public AuditRecorder(EventIntake intake, AuditLog auditLog) {
        this.intake = intake;
        this.auditLog = auditLog;
    }

    @Incoming("audit-events")
    public Uni<Void> record(Message<String> message) {
        String eventId = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getId).orElse("");
        return intake.take(CONSUMER, message, EventTypes.AUDIT_RECORDED::equals, (type, record) -> auditLog.append(eventId, record));
    }
}
