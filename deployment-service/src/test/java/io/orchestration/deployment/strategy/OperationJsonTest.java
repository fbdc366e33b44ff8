package io.orchestration.deployment.strategy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.deployment.strategy.Operation.AwaitRollout;
import io.orchestration.deployment.strategy.Operation.Described;
import io.orchestration.deployment.strategy.Operation.SetImage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plans are JSON in the database, read with Hibernate's own Jackson mapper: only the types' annotations count. */
class OperationJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPlanKeepsTheTypeOfEachOperation() throws Exception {
        RolloutPlan plan = new RolloutPlan(List.of(new PlannedStep("update Deployment besu-rpc", List.of(
                new SetImage("Deployment", "chain", "besu-rpc", "besu", "hyperledger/besu:24.1.0"),
                new AwaitRollout("Deployment", "chain", "besu-rpc"),
                new Described("CHECK validators are in sync (eth_syncing false, peers > 0)")))));

        String stored = json.writeValueAsString(plan);

        assertTrue(stored.contains("\"op\":\"set-image\""), stored);
        assertEquals(plan, json.readValue(stored, RolloutPlan.class));
    }

    @Test
    void aPlanStoredBeforeOperationsWereTypedReadsAsDescribedOperations() throws Exception {
        RolloutPlan plan = json.readValue("""
                {"steps": [{"name": "remove canary of besu-rpc", "operations": ["DELETE apps/v1 Deployment chain/besu-rpc-canary"]}]}""",
                RolloutPlan.class);

        assertEquals(List.of(new Described("DELETE apps/v1 Deployment chain/besu-rpc-canary")), plan.steps().get(0).operations());
    }
}
