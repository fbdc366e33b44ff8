package io.orchestration.testing;

import io.smallrye.jwt.build.Jwt;

import java.time.Instant;
import java.util.UUID;

/** Bearer tokens for tests, signed with the test key pair that services trust under the test profile. */
public final class TestTokens {

    public static final String ISSUER = "orchestration-portal";
    private static final String TRUSTED_KEY = "test-keys/jwt-private.pem";
    private static final String STRANGER_KEY = "test-keys/stranger-private.pem";

    private TestTokens() {
    }

    /** A valid token for user {@code test-<role>} with the given role. */
    public static String forRole(String role) {
        return forUser("test-" + role, role);
    }

    public static String forUser(String user, String role) {
        Instant now = Instant.now();
        return sign(user, role, now, now.plusSeconds(3600), TRUSTED_KEY);
    }

    /** A correctly signed token that expired an hour ago. */
    public static String expired(String role) {
        Instant now = Instant.now();
        return sign("test-" + role, role, now.minusSeconds(7200), now.minusSeconds(3600), TRUSTED_KEY);
    }

    /** A well-formed token signed by a key no service trusts. */
    public static String wronglySigned(String role) {
        Instant now = Instant.now();
        return sign("test-" + role, role, now, now.plusSeconds(3600), STRANGER_KEY);
    }

    /** A token that claims to need no signature ({@code alg: none}), with the role's claims. */
    public static String unsigned(String role) {
        long now = Instant.now().getEpochSecond();
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = base64Url(("{\"iss\":\"" + ISSUER + "\",\"sub\":\"test-" + role + "\",\"upn\":\"test-" + role
                + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}"));
        return header + "." + claims + ".";
    }

    private static String base64Url(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String sign(String user, String role, Instant issued, Instant expires, String key) {
        return Jwt.issuer(ISSUER)
                .subject(user)
                .upn(user)
                .groups(role)
                .issuedAt(issued)
                .expiresAt(expires)
                .claim("jti", UUID.randomUUID().toString())
                .jws().keyId("test")
                .sign(key);
    }
}
