package io.orchestration.admin;

import io.orchestration.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

import java.util.Set;

@QuarkusTest
class AdminServiceConventionsTest extends ServiceConventionsTest {

    @Override
    protected Set<String> publicOperations() {
        return Set.of("POST /api/admin/login");
    }
}
