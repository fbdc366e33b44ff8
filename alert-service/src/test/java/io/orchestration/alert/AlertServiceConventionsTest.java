package io.orchestration.alert;

import io.orchestration.testing.AuditSweep;
import io.orchestration.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@QuarkusTest
class AlertServiceConventionsTest extends ServiceConventionsTest {

    @Override
    protected Map<String, AuditSweep.Sample> auditSamples() {
        String environment = "audit-sweep-" + UUID.randomUUID().toString().substring(0, 8);
        String[] alert = new String[1];
        String[] channel = new String[1];
        String[] silence = new String[1];
        Map<String, AuditSweep.Sample> samples = new LinkedHashMap<>();
        samples.put("POST /api/alerts", AuditSweep.Sample.of(call -> {
            var answer = call.contentType("application/json").body("""
                    {"environment": "%s", "name": "SweepProbe", "severity": "warning", "message": "audit sweep", "labels": {}}"""
                    .formatted(environment)).post("/api/alerts");
            alert[0] = answer.path("id");
            return answer;
        }).as("operator"));
        samples.put("POST /api/alerts/{id}/acknowledge", AuditSweep.Sample.of(call -> call.post("/api/alerts/{id}/acknowledge", alert[0])).as("operator"));
        samples.put("POST /api/alerts/{id}/resolve", AuditSweep.Sample.of(call -> call.post("/api/alerts/{id}/resolve", alert[0])).as("operator"));
        samples.put("POST /api/alerts/alertmanager", AuditSweep.Sample.of(call -> call.contentType("application/json").body("""
                {"version": "4", "status": "firing", "alerts": [{"status": "firing",
                 "labels": {"alertname": "SweepProbe", "environment": "%s", "severity": "info"}, "annotations": {"summary": "audit sweep"}}]}"""
                .formatted(environment)).post("/api/alerts/alertmanager")).as("operator"));
        samples.put("POST /api/notification-channels", AuditSweep.Sample.of(call -> {
            var answer = call.contentType("application/json").body("""
                    {"name": "%s", "type": "webhook", "url": "https://hooks.example.org/sweep", "secret": "0123456789abcdef0123"}""".formatted(environment))
                    .post("/api/notification-channels");
            channel[0] = answer.path("id");
            return answer;
        }));
        samples.put("PUT /api/notification-channels/{id}", AuditSweep.Sample.of(call -> call.contentType("application/json").body("""
                {"name": "%s", "type": "webhook", "url": "https://hooks.example.org/sweep", "secret": "0123456789abcdef0123", "enabled": false}""".formatted(environment))
                .put("/api/notification-channels/{id}", channel[0])));
        samples.put("DELETE /api/notification-channels/{id}", AuditSweep.Sample.of(call -> call.delete("/api/notification-channels/{id}", channel[0])));
        samples.put("POST /api/alerts/silences", AuditSweep.Sample.of(call -> {
            var answer = call.contentType("application/json").body("""
                    {"matchers": [{"name": "environment", "value": "%s"}], "endsAt": "%s", "comment": "audit sweep"}"""
                    .formatted(environment, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1))).post("/api/alerts/silences");
            silence[0] = answer.path("id");
            return answer;
        }).as("operator"));
        samples.put("DELETE /api/alerts/silences/{id}", AuditSweep.Sample.of(call -> call.delete("/api/alerts/silences/{id}", silence[0])).as("operator"));
        return samples;
    }

    /** The environment projection follows environment-events, which other tests publish to while this one runs. */
    @Override
    protected Set<String> tablesChangedInTheBackground() {
        return Set.of("environment_ref");
    }
}
