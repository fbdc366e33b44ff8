package io.orchestration.gateway.live;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading the token a browser carries in its Sec-WebSocket-Protocol list. */
class TokenCarrierTest {

    @Test
    void theCarriedAuthorizationIsDecoded() {
        assertEquals(Optional.of("Bearer a.b.c"),
                LiveUpdates.carriedAuthorization("bearer-token-carrier, quarkus-http-upgrade%23Authorization%23Bearer%20a.b.c"));
    }

    @Test
    void nothingCarriedOrMalformedIsNoToken() {
        assertEquals(Optional.empty(), LiveUpdates.carriedAuthorization(null));
        assertEquals(Optional.empty(), LiveUpdates.carriedAuthorization("bearer-token-carrier"));
        assertEquals(Optional.empty(), LiveUpdates.carriedAuthorization("bearer-token-carrier, quarkus-http-upgrade%2"));
        assertEquals(Optional.empty(), LiveUpdates.carriedAuthorization("quarkus-http-upgrade%23Cookie%23a=b"));
    }
}
