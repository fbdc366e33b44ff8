package io.orchestration.deployment.strategy;

import io.orchestration.deployment.domain.DeployOptions;
import io.orchestration.deployment.domain.EnvironmentRef;
import io.orchestration.deployment.domain.Strategy;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RolloutPlannerTest {

    @Inject
    RolloutPlanner planner;

    @Test
    void rollingUpdatesEachEnabledWorkloadThenValidatorsPodByPodThenChecksHealth() {
        RolloutPlan plan = planner.plan(environment(Map.of("besu-validator", true, "besu-rpc", true, "firefly", false)),
                Strategy.ROLLING, "24.1.0", DeployOptions.DEFAULTS);

        assertEquals(List.of("update Deployment besu-rpc", "await rollout of Deployment besu-rpc",
                "update StatefulSet besu-validator", "roll StatefulSet besu-validator pod by pod", "health-check chain"), names(plan));
        assertEquals(List.of("PATCH apps/v1 Deployment chain/besu-rpc container 'besu' image -> hyperledger/besu:24.1.0"),
                plan.steps().get(0).descriptions());
    }

    @Test
    void blueGreenSwitchesTheServiceSelectorAfterTheIdleColourIsHealthy() {
        RolloutPlan plan = planner.plan(environment(Map.of("besu-rpc", true)), Strategy.BLUE_GREEN, "24.1.0", DeployOptions.DEFAULTS);

        assertEquals(List.of("deploy idle colour of Deployment besu-rpc", "await idle colour ready", "health-check idle colour",
                "switch traffic of besu-rpc", "stabilise besu-rpc", "scale down old colour of besu-rpc", "health-check chain"), names(plan));
        assertTrue(plan.steps().get(3).descriptions().get(0).startsWith("PATCH v1 Service chain/besu-rpc spec.selector.color"));
    }

    @Test
    void canaryWalksTheConfiguredWeightsAndChecksTheErrorRateAtEach() {
        RolloutPlan plan = planner.plan(environment(Map.of("besu-rpc", true)), Strategy.CANARY, "24.1.0",
                new DeployOptions(List.of(20, 60, 100), 5, 0.01));

        assertEquals(List.of("create canary of besu-rpc", "shift 20% to canary of besu-rpc", "shift 60% to canary of besu-rpc",
                "shift 100% to canary of besu-rpc", "promote canary of besu-rpc", "remove canary of besu-rpc", "health-check chain"), names(plan));
        List<String> firstShift = plan.steps().get(1).descriptions();
        assertEquals("PATCH networking.istio.io/v1 VirtualService chain/besu-rpc route weights stable 80, canary 20", firstShift.get(0));
        assertTrue(firstShift.get(1).startsWith("WAIT 5s, then QUERY Prometheus sum(rate(http_requests_total{namespace=\"chain\",app=\"besu-rpc\""));
        assertTrue(firstShift.get(1).endsWith("; ROLL BACK if the error rate exceeds 0.01"), firstShift.get(1));
        assertEquals(2, firstShift.size());
    }

    @Test
    void canaryWithoutOptionsUsesTheDefaultWeights() {
        RolloutPlan plan = planner.plan(environment(Map.of("cacti", true)), Strategy.CANARY, "2.0.0", DeployOptions.DEFAULTS);

        assertEquals(List.of("create canary of cacti-api-server", "shift 10% to canary of cacti-api-server",
                "shift 25% to canary of cacti-api-server", "shift 50% to canary of cacti-api-server",
                "shift 75% to canary of cacti-api-server", "shift 100% to canary of cacti-api-server",
                "promote canary of cacti-api-server", "remove canary of cacti-api-server", "health-check chain"), names(plan));
    }

    private static EnvironmentRef environment(Map<String, Boolean> components) {
        EnvironmentRef ref = new EnvironmentRef();
        ref.name = "test";
        ref.namespace = "chain";
        ref.components = new LinkedHashMap<>(components);
        return ref;
    }

    private static List<String> names(RolloutPlan plan) {
        return plan.steps().stream().map(PlannedStep::name).toList();
    }
}
