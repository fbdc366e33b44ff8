package io.orchestration.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The kubeconfig an environment's credentials Secret holds in tests: it points at the Kubernetes mock
 * API server ({@code @WithKubernetesTestServer}) with context {@code mock} and a token the mock accepts.
 */
public final class MockClusterKubeconfig {

    private MockClusterKubeconfig() {
    }

    public static String forServer(String masterUrl) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                contexts:
                - name: mock
                  context: {cluster: mock, user: portal}
                current-context: mock
                users:
                - name: portal
                  user: {token: test-token}
                """.formatted(masterUrl);
    }

    /** The same, base64-encoded as a Secret's data value. */
    public static String secretValueFor(String masterUrl) {
        return Base64.getEncoder().encodeToString(forServer(masterUrl).getBytes(StandardCharsets.UTF_8));
    }
}
