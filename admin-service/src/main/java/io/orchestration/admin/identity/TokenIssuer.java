package io.orchestration.admin.identity;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Signs the portal's access tokens (RS256, the key every service verifies with). */
@ApplicationScoped
public class TokenIssuer {

    private final IdentityConfig.Tokens config;

    public TokenIssuer(IdentityConfig config) {
        this.config = config.tokens();
    }

    /** A signed token and when it expires. */
    public record IssuedToken(String token, String tokenType, Instant expiresAt, String username, String role) {
    }

    public IssuedToken issue(String username, String role) {
        Instant now = Instant.now();
        Instant expires = now.plus(config.lifetime());
        String token = Jwt.issuer(config.issuer())
                .subject(username)
                .upn(username)
                .groups(role)
                .issuedAt(now)
                .expiresAt(expires)
                .claim("jti", UUID.randomUUID().toString())
                .jws().keyId(config.keyId())
                .sign();
        return new IssuedToken(token, "Bearer", expires, username, role);
    }
}
