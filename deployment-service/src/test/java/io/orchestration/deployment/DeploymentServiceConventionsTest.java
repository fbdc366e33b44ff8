package io.orchestration.deployment;

import io.orchestration.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DeploymentServiceConventionsTest extends ServiceConventionsTest {
}
