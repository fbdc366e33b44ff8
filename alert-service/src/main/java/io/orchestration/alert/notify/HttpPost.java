package io.orchestration.alert.notify;

import io.orchestration.alert.config.NotificationConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Posts JSON to a receiver with a timeout; any 2xx is sent, anything else (or no answer) a failed try. */
@ApplicationScoped
public class HttpPost {

    private static final int MAX_ERROR = 500;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Duration timeout;

    public HttpPost(NotificationConfig config) {
        this.timeout = config.timeout();
    }

    public Uni<Outcome> json(URI url, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return Uni.createFrom().completionStage(() -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()))
                .map(response -> response.statusCode() / 100 == 2
                        ? Outcome.sent(response.statusCode())
                        : Outcome.failed(response.statusCode(), "HTTP " + response.statusCode() + ": " + clip(response.body())))
                .onFailure().recoverWithItem(failure -> Outcome.failed(null, clip(String.valueOf(failure))));
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "...";
    }
}
