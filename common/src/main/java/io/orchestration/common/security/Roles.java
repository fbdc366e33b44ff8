package io.orchestration.common.security;

import java.util.List;
import java.util.Set;

/** The portal's three roles; each includes the ones before it. */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(VIEWER, OPERATOR, ADMIN);

    private Roles() {
    }

    /** The role itself plus every role it includes: admin holds operator and viewer too. */
    public static Set<String> impliedBy(String role) {
        int rank = ALL.indexOf(role);
        return rank < 0 ? Set.of() : Set.copyOf(ALL.subList(0, rank + 1));
    }
}
