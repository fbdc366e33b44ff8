package io.orchestration.monitoring.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.monitoring.config.MonitoringConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * GETs from targets' HTTP endpoints without blocking, each exchange bounded by the collection
 * timeout. No answer is {@link TargetUnreachable}; a non-2xx status or a body that is not what
 * was asked for is {@link TargetMisbehaves}.
 */
@ApplicationScoped
public class HttpFetcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration timeout;
    // HTTP/1.1: several dev servers answer an h2c upgrade attempt badly.
    private final HttpClient http;

    public HttpFetcher(MonitoringConfig config) {
        this.timeout = config.collection().timeout();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public Uni<String> text(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new TargetMisbehaves("not a URL: " + url));
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .ifNoItem().after(timeout).failWith(() -> new TargetUnreachable(url + ": no answer within " + timeout.toMillis() + " ms"))
                .onFailure(failure -> !(failure instanceof TargetUnreachable)).transform(failure -> unreachable(url, failure))
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new TargetMisbehaves(url + " answered HTTP " + response.statusCode());
                    }
                    return response.body();
                });
    }

    public Uni<JsonNode> json(String url) {
        return text(url).map(body -> {
            try {
                return JSON.readTree(body);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new TargetMisbehaves(url + " answered something that is not JSON: " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new TargetMisbehaves(url + " answered something that cannot be read: " + e.getMessage(), e);
            }
        });
    }

    private static Throwable unreachable(String url, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof IOException) {
            return new TargetUnreachable(url + ": " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        }
        return cause;
    }

    /** {@code base} and {@code path} joined with exactly one slash. */
    public static String join(String base, String path) {
        return base.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
    }
}
