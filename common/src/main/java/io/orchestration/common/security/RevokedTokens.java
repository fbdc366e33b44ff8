package io.orchestration.common.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.common.events.EventTypes;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deny list of revoked tokens (logouts), kept by every service from admin-service's
 * {@code admin.token-revoked} events, and the check that refuses them: a request with a revoked token is
 * unauthenticated (401) wherever it goes. Entries go once their token would have expired anyway.
 */
@ApplicationScoped
public class RevokedTokens implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(RevokedTokens.class);

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final ObjectMapper json;

    public RevokedTokens(ObjectMapper json) {
        this.json = json;
    }

    @Incoming("token-revocations")
    public CompletionStage<Void> hear(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType).orElse("");
        if (EventTypes.ADMIN_TOKEN_REVOKED.equals(type)) {
            try {
                JsonNode data = json.readTree(message.getPayload());
                revoke(data.path("jti").asText(), Instant.parse(data.path("expiresAt").asText()));
            } catch (Exception e) {
                LOG.warnf("Ignored a malformed token revocation: %s", e.getMessage());
            }
        }
        return message.ack();
    }

    public void revoke(String jti, Instant expiresAt) {
        Instant now = Instant.now();
        revoked.values().removeIf(expiry -> expiry.isBefore(now));
        if (!jti.isBlank() && expiresAt.isAfter(now)) {
            revoked.put(jti, expiresAt);
        }
    }

    public boolean isRevoked(String jti) {
        return jti != null && revoked.containsKey(jti);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && isRevoked(token.getTokenID())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("The token was revoked (logged out)"));
        }
        return Uni.createFrom().item(identity);
    }

    @Override
    public int priority() {
        // Before the role hierarchy (default 0): a revoked token gets no roles at all.
        return 10;
    }
}
