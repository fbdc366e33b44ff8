package io.orchestration.admin.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.admin.domain.AuditEntry;
import io.orchestration.common.api.ResultPage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The portal's audit log: append-only and hash-chained. Appends are serialised (an advisory lock), so each entry
 * takes the next number and the hash of the one before it; {@link #verify()} walks the chain.
 */
@ApplicationScoped
public class AuditLog {

    private static final int VERIFY_PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Appends the audit record carried by event {@code eventId}; in the caller's transaction. */
    public Uni<Void> append(String eventId, JsonNode record) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select pg_advisory_xact_lock(hashtext('audit-log'))").getSingleResult())
                .chain(() -> AuditEntry.<AuditEntry>find("order by seq desc").<AuditEntry>firstResult())
                .chain(last -> {
                    AuditEntry entry = new AuditEntry();
                    entry.seq = last == null ? 1 : last.seq + 1;
                    entry.previousHash = last == null ? AuditChain.GENESIS : last.hash;
                    entry.eventId = eventId;
                    entry.at = parseTime(record.path("at").asText(null)).truncatedTo(ChronoUnit.MICROS);
                    entry.service = text(record, "service", "unknown");
                    entry.actor = text(record, "actor", "anonymous");
                    entry.clientIp = text(record, "clientIp", null);
                    entry.action = text(record, "action", "unknown");
                    entry.method = text(record, "method", "");
                    entry.path = text(record, "path", "");
                    entry.resourceType = text(record, "resourceType", null);
                    entry.resourceId = text(record, "resourceId", null);
                    entry.status = record.path("status").asInt();
                    entry.details = record.path("details").isObject()
                            ? JSON.convertValue(record.path("details"), new TypeReference<Map<String, Object>>() { }) : Map.of();
                    entry.hash = AuditChain.hashOf(entry);
                    return entry.persist().replaceWithVoid();
                });
    }

    /** Filters of the audit log; null means any. */
    public record Filter(String user, String action, String resource, OffsetDateTime from, OffsetDateTime to) {
    }

    @WithSession
    public Uni<ResultPage<AuditEntryView>> list(Filter filter, int page, int size) {
        Parameters params = new Parameters();
        List<String> clauses = new ArrayList<>();
        if (filter.user() != null) {
            clauses.add("actor = :user");
            params.and("user", filter.user());
        }
        if (filter.action() != null) {
            clauses.add("action = :action");
            params.and("action", filter.action());
        }
        if (filter.resource() != null) {
            clauses.add("(resourceType = :resource or resourceId = :resource)");
            params.and("resource", filter.resource());
        }
        if (filter.from() != null) {
            clauses.add("at >= :from");
            params.and("from", filter.from());
        }
        if (filter.to() != null) {
            clauses.add("at < :to");
            params.and("to", filter.to());
        }
        String where = String.join(" and ", clauses);
        Sort newestFirst = Sort.descending("seq");
        var query = where.isEmpty() ? AuditEntry.<AuditEntry>findAll(newestFirst) : AuditEntry.<AuditEntry>find(where, newestFirst, params);
        return query.page(Page.of(page, size)).list()
                .chain(entries -> (where.isEmpty() ? AuditEntry.count() : AuditEntry.count(where, params))
                        .map(total -> new ResultPage<>(entries.stream().map(AuditEntryView::of).toList(), page, size, total)));
    }

    /** Whether the chain is intact, and where it first breaks. */
    public record Verification(boolean intact, long entriesChecked, Long brokenAt, String reason) {
    }

    @WithSession
    public Uni<Verification> verify() {
        return verifyFrom(0, AuditChain.GENESIS, 0);
    }

    private Uni<Verification> verifyFrom(long afterSeq, String previousHash, long checked) {
        return AuditEntry.<AuditEntry>find("seq > ?1", Sort.ascending("seq"), afterSeq).page(Page.ofSize(VERIFY_PAGE)).list()
                .chain(entries -> {
                    long expectedSeq = afterSeq + 1;
                    String previous = previousHash;
                    long count = checked;
                    for (AuditEntry entry : entries) {
                        if (entry.seq != expectedSeq) {
                            return Uni.createFrom().item(new Verification(false, count, expectedSeq, "entry " + expectedSeq + " is missing"));
                        }
                        if (!entry.previousHash.equals(previous)) {
                            return Uni.createFrom().item(new Verification(false, count, entry.seq,
                                    "entry " + entry.seq + " does not follow the hash of entry " + (entry.seq - 1)));
                        }
                        if (!AuditChain.hashOf(entry).equals(entry.hash)) {
                            return Uni.createFrom().item(new Verification(false, count, entry.seq,
                                    "entry " + entry.seq + " was changed after it was written (its hash does not match its fields)"));
                        }
                        previous = entry.hash;
                        expectedSeq++;
                        count++;
                    }
                    if (entries.size() < VERIFY_PAGE) {
                        return Uni.createFrom().item(new Verification(true, count, null, null));
                    }
                    return verifyFrom(expectedSeq - 1, previous, count);
                });
    }

    private static OffsetDateTime parseTime(String at) {
        try {
            return at == null ? OffsetDateTime.now() : OffsetDateTime.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            return OffsetDateTime.now();
        }
    }

    private static String text(JsonNode record, String field, String fallback) {
        JsonNode value = record.path(field);
        return value.isTextual() ? value.asText() : fallback;
    }
}
