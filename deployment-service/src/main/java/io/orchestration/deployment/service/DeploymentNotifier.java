package io.orchestration.deployment.service;

import io.orchestration.deployment.config.DeploymentConfig;
import io.orchestration.deployment.domain.DeploymentStatus;
import io.orchestration.deployment.domain.DeploymentView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Tells a Slack channel (incoming webhook) when a deployment ends. Sent after the change has
 * committed, retried a few times, and never able to fail or delay the deployment itself.
 */
@ApplicationScoped
public class DeploymentNotifier {

    private static final Logger LOG = Logger.getLogger(DeploymentNotifier.class);

    private final DeploymentConfig.SlackConfig slack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public DeploymentNotifier(DeploymentConfig config) {
        this.slack = config.slack();
    }

    public Uni<Void> ended(DeploymentView deployment) {
        if (slack.webhookUrl().isEmpty() || !deployment.status().isTerminal()) {
            return Uni.createFrom().voidItem();
        }
        URI webhook = slack.webhookUrl().get();
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(slack.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("text", messageFor(deployment)).encode()))
                .build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .invoke(response -> {
                    if (response.statusCode() >= 300) {
                        throw new IllegalStateException("Slack answered HTTP " + response.statusCode() + ": " + response.body());
                    }
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(Math.max(0, slack.attempts() - 1))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Slack notification for deployment %s not delivered: %s", deployment.id(), failure.getMessage());
                    return null;
                });
    }

    static String messageFor(DeploymentView d) {
        String outcome = switch (d.status()) {
            case COMPLETED -> ":white_check_mark: completed";
            case ROLLED_BACK -> ":leftwards_arrow_with_hook: rolled back";
            default -> ":x: failed";
        };
        return "Deployment of " + d.version() + " to " + d.environment() + " (" + d.strategy().id()
                + (d.dryRun() ? ", dry run" : "") + ") " + outcome
                + (d.status() == DeploymentStatus.COMPLETED || d.error() == null ? "" : ": " + d.error());
    }
}
