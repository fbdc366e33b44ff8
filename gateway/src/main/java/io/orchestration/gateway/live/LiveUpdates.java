package io.orchestration.gateway.live;

import io.orchestration.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.security.RolesAllowed;

/**
 * The live feed at /ws. The upgrade itself needs a valid token (browsers, which cannot set
 * headers, send it in Sec-WebSocket-Protocol); clients only listen, the server only pushes.
 */
@WebSocket(path = "/ws")
@RolesAllowed(Roles.VIEWER)
public class LiveUpdates {

    static final UserData.TypedKey<Boolean> ADMIN_ROOM = UserData.TypedKey.forBoolean("admin-room");

    private final SecurityIdentity identity;

    public LiveUpdates(SecurityIdentity identity) {
        this.identity = identity;
    }

    @OnOpen
    void joinRooms(WebSocketConnection connection) {
        connection.userData().put(ADMIN_ROOM, identity.hasRole(Roles.ADMIN));
    }
}
