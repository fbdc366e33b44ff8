package io.orchestration.monitoring.sharding;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * Rendezvous (highest-random-weight) hashing: a target belongs to the member with the highest weight for the pair
 * (member, target). Every replica computes the same owner from the same members, and when a member joins or leaves
 * only the targets it wins or held move.
 */
public final class Rendezvous {

    private Rendezvous() {
    }

    /** The member that owns {@code targetKey}; empty when there are no members. */
    public static Optional<String> ownerOf(String targetKey, Collection<String> members) {
        String owner = null;
        long best = 0;
        for (String member : members) {
            long weight = weight(member, targetKey);
            if (owner == null || Long.compareUnsigned(weight, best) > 0
                    || weight == best && member.compareTo(owner) < 0) {
                owner = member;
                best = weight;
            }
        }
        return Optional.ofNullable(owner);
    }

    /** FNV-1a over "member NUL key", then the SplitMix64 finaliser so that similar ids spread evenly; the same on every JVM. */
    static long weight(String member, String targetKey) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (member + '\0' + targetKey).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }
}
