package io.orchestration.monitoring.sharding;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RendezvousTest {

    private static final List<String> TARGETS = targets(3_000);

    @Test
    void everyTargetHasOneOwnerAndEachMemberAFairShare() {
        Map<String, String> owners = owners(List.of("mon-a", "mon-b", "mon-c"));
        int[] shares = new int[3];
        owners.values().forEach(owner -> shares[List.of("mon-a", "mon-b", "mon-c").indexOf(owner)]++);
        for (int share : shares) {
            assertTrue(share > 800 && share < 1200, "shares of 3,000 targets: " + Arrays.toString(shares));
        }
    }

    @Test
    void theOwnerDoesNotDependOnTheOrderTheMembersAreListedIn() {
        assertEquals(owners(List.of("mon-a", "mon-b", "mon-c")), owners(List.of("mon-c", "mon-a", "mon-b")));
    }

    @Test
    void aJoiningMemberTakesOnlyItsShareFromTheOthers() {
        Map<String, String> before = owners(List.of("mon-a", "mon-b"));
        Map<String, String> after = owners(List.of("mon-a", "mon-b", "mon-c"));
        int moved = 0;
        for (String target : TARGETS) {
            if (!before.get(target).equals(after.get(target))) {
                assertEquals("mon-c", after.get(target), target + " moved, but not to the newcomer");
                moved++;
            }
        }
        assertTrue(moved > 800 && moved < 1200, "about a third moves: " + moved);
    }

    @Test
    void aLeavingMembersTargetsAreSpreadAndNoOtherTargetMoves() {
        Map<String, String> before = owners(List.of("mon-a", "mon-b", "mon-c"));
        Map<String, String> after = owners(List.of("mon-a", "mon-c"));
        int toA = 0;
        for (String target : TARGETS) {
            if (before.get(target).equals("mon-b")) {
                toA += after.get(target).equals("mon-a") ? 1 : 0;
            } else {
                assertEquals(before.get(target), after.get(target), target + " moved though its owner stayed");
            }
        }
        assertTrue(toA > 300 && toA < 700, "the leaver's ~1,000 targets split between the others: " + toA + " to mon-a");
    }

    @Test
    void withoutMembersNoTargetHasAnOwner() {
        assertEquals(Optional.empty(), Rendezvous.ownerOf("prod/besu/besu-rpc", List.of()));
    }

    private static Map<String, String> owners(List<String> members) {
        Map<String, String> owners = new HashMap<>();
        TARGETS.forEach(target -> owners.put(target, Rendezvous.ownerOf(target, members).orElseThrow()));
        return owners;
    }

    private static List<String> targets(int count) {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            targets.add("env-" + i + "/" + (i % 2 == 0 ? "besu/besu-rpc" : "cacti/cacti"));
        }
        return targets;
    }
}
