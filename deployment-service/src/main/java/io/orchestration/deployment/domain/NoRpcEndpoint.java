package io.orchestration.deployment.domain;

import io.orchestration.common.problem.ProblemException;

import java.util.Map;

/** 422: the environment's catalogue entry names no JSON-RPC endpoint, so there is no chain to check. */
public class NoRpcEndpoint extends ProblemException {
    public NoRpcEndpoint(String environment) {
        super(422, "no-rpc-endpoint", "No JSON-RPC endpoint",
                "Environment '" + environment + "' has no besuRpc endpoint; add endpoints.besuRpc to its entry in"
                        + " config/environments.yaml to health-check its chain",
                Map.of("environment", environment));
    }
}
