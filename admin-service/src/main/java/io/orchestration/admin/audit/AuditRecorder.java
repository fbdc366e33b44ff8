package io.orchestration.admin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.outbox.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Stores every service's audit records (audit-events) in the audit log, each once. */
@ApplicationScoped
public class AuditRecorder {

    private static final String CONSUMER = "admin-service.audit";

    private final ProcessedEvents processedEvents;
    private final AuditLog auditLog;
    private final ObjectMapper json;

    public AuditRecorder(ProcessedEvents processedEvents, AuditLog auditLog, ObjectMapper json) {
        this.processedEvents = processedEvents;
        this.auditLog = auditLog;
        this.json = json;
    }

    @Incoming("audit-events")
    public Uni<Void> record(Message<String> message) {
        String eventId = ProcessedEvents.eventIdOf(message);
        return processedEvents.applyOnce(CONSUMER, eventId, () -> auditLog.append(eventId, read(message.getPayload())))
                .replaceWithVoid()
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure)));
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (Exception e) {
            throw new IllegalArgumentException("An audit record that is not JSON: " + e.getMessage(), e);
        }
    }
}
