package io.orchestration.alert.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.alert.domain.AlertView;
import io.orchestration.alert.domain.Channel;
import io.orchestration.alert.domain.ChannelType;
import io.orchestration.alert.domain.DeliveryKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * A generic webhook: {"type": "alert.triggered" | "alert.resolved", "alert": {...}}, signed so the receiver
 * can check it came from the portal and was not replayed: X-Portal-Signature is
 * {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>} with the X-Portal-Timestamp header's value.
 */
@ApplicationScoped
public class WebhookSender implements Sender {

    public static final String SIGNATURE = "X-Portal-Signature";
    public static final String TIMESTAMP = "X-Portal-Timestamp";

    private final HttpPost post;
    private final ObjectMapper json;

    public WebhookSender(HttpPost post, ObjectMapper json) {
        this.post = post;
        this.json = json;
    }

    /** The payload a webhook receives. */
    public record Notification(String type, AlertView alert) {
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public Uni<Outcome> send(Channel channel, AlertView alert, DeliveryKind kind) {
        String body;
        try {
            body = json.writeValueAsString(new Notification(kind == DeliveryKind.RESOLVE ? "alert.resolved" : "alert.triggered", alert));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(Outcome.failed(null, "alert cannot be written as JSON: " + e.getOriginalMessage()));
        }
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return post.json(URI.create(channel.settings.url()), body,
                Map.of(TIMESTAMP, timestamp, SIGNATURE, "sha256=" + sign(channel.settings.secret(), timestamp + "." + body)));
    }

    static String sign(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
