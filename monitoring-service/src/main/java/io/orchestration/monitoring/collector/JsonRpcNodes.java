package io.orchestration.monitoring.collector;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * web3j clients for Ethereum JSON-RPC endpoints, one per URL, sharing one HTTP client. Each call is
 * asynchronous and bounded by the collection timeout; a node that does not answer fails it with
 * {@link TargetUnreachable}, an error object or a reply web3j cannot read with {@link TargetMisbehaves}.
 */
@ApplicationScoped
public class JsonRpcNodes {

    private final Duration timeout;
    private final OkHttpClient http;
    private final Map<String, Web3j> nodes = new ConcurrentHashMap<>();
    // web3j wants a scheduler for filters and polling, which collection never uses.
    private final ScheduledExecutorService idlePoller = Executors.newSingleThreadScheduledExecutor();

    public JsonRpcNodes(MonitoringConfig config) {
        this.timeout = config.collection().timeout();
        this.http = new OkHttpClient.Builder().callTimeout(timeout).build();
    }

    @PreDestroy
    void close() {
        idlePoller.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    public Web3j node(String url) {
        return nodes.computeIfAbsent(url, u -> Web3j.build(new HttpService(u, http), 60_000, idlePoller));
    }

    /** Sends {@code request}; the answer, or a failure saying what went wrong with which method. */
    public <T extends Response<?>> Uni<T> call(Request<?, T> request) {
        String method = request.getMethod();
        return Uni.createFrom().completionStage(request::sendAsync)
                .ifNoItem().after(timeout).failWith(() -> new TargetUnreachable(method + ": no answer within " + timeout.toMillis() + " ms"))
                .onFailure(failure -> !(failure instanceof TargetUnreachable)).transform(failure -> classify(method, failure))
                .invoke(response -> {
                    if (response.hasError()) {
                        throw new TargetMisbehaves(method + " answered error " + response.getError().getCode() + ": " + response.getError().getMessage());
                    }
                    if (response.getResult() == null) {
                        throw new TargetMisbehaves(method + " answered without a result");
                    }
                });
    }

    private static Throwable classify(String method, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ClientConnectionException) {
            // web3j's wrapper of a non-2xx HTTP answer
            return new TargetMisbehaves(method + ": " + cause.getMessage(), cause);
        }
        if (cause instanceof com.fasterxml.jackson.core.JacksonException) {
            return new TargetMisbehaves(method + " answered a malformed JSON-RPC reply: " + ((com.fasterxml.jackson.core.JacksonException) cause).getOriginalMessage(), cause);
        }
        if (cause instanceof IOException) {
            return new TargetUnreachable(method + ": " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        }
        if (cause instanceof RuntimeException && !(cause instanceof TargetMisbehaves)) {
            return new TargetMisbehaves(method + " answered a reply that cannot be read: " + cause.getMessage(), cause);
        }
        return cause;
    }
}
