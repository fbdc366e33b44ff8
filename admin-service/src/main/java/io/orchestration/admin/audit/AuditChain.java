package io.orchestration.admin.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.orchestration.admin.domain.AuditEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;

/** The hash that chains an audit entry to the one before it: SHA-256 over its fields and the previous hash. */
final class AuditChain {

    /** The previous hash of the first entry. */
    static final String GENESIS = "0".repeat(64);

    // Keys sorted: the hash must not depend on the order PostgreSQL's jsonb gives the details back in.
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private AuditChain() {
    }

    static String hashOf(AuditEntry entry) {
        // A JSON array of the fields: unambiguous whatever characters they hold; the time in microseconds, as stored.
        Object[] fields = {entry.seq, entry.eventId, entry.at.toInstant().truncatedTo(ChronoUnit.MICROS).toString(), entry.service,
                entry.actor, entry.clientIp, entry.action, entry.method, entry.path, entry.resourceType, entry.resourceId,
                entry.status, entry.details, entry.previousHash};
        try {
            byte[] canonical = JSON.writeValueAsString(Arrays.asList(fields)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash audit entry " + entry.seq, e);
        }
    }
}
