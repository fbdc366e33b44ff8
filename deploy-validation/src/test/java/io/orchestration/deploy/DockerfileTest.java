package io.orchestration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.orchestration.deploy.KustomizeOverlaysTest.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The one Dockerfile, as docker-compose.yml builds it for each service, checked statically (no image can be built here).
 * The COPY sources are checked against each service's packaged target/quarkus-app where the build has made it.
 */
class DockerfileTest {

    private static final Path DOCKERFILE = PortalTree.ROOT.resolve(ComposeRules.DOCKERFILE);

    @Test
    void everyServicesImageIsNonRootHealthCheckedOnItsPortWithTheLocalHeap() throws IOException {
        assertEquals(List.of(), DockerfileRules.violations(Files.readString(DOCKERFILE), composeBuilds(), DockerfileRules.localHeap()));
    }

    @Test
    void copySourcesExistInEveryPackagedService() throws IOException {
        List<DockerfileRules.Build> packaged = composeBuilds().stream()
                .filter(build -> Files.isRegularFile(build.context().resolve("target/quarkus-app/quarkus-run.jar"))).toList();
        assumeTrue(!packaged.isEmpty(), "no service is packaged yet (mvn package): the COPY sources cannot be checked");
        assertEquals(List.of(), DockerfileRules.violations(Files.readString(DOCKERFILE), packaged, DockerfileRules.localHeap()));
    }

    @Test
    void buildContextSendsOnlyThePackagedApplication() throws IOException {
        List<String> ignore = Files.readAllLines(PortalTree.ROOT.resolve(ComposeRules.DOCKERFILE + ".dockerignore")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertEquals(List.of("*", "!target/quarkus-app/"), ignore);
    }

    @Test
    void rootUserIsCaught() throws IOException {
        assertHas(DockerfileRules.violations(Files.readString(DOCKERFILE).replace("USER 185", "USER root"), composeBuilds(),
                DockerfileRules.localHeap()), "the image runs as root");
        assertHas(DockerfileRules.violations(Files.readString(DOCKERFILE).replace("USER 185", ""), composeBuilds(),
                DockerfileRules.localHeap()), "the image runs as root");
    }

    @Test
    void missingHealthCheckIsCaught() throws IOException {
        String withoutCheck = Files.readString(DOCKERFILE).replace("HEALTHCHECK", "# HEALTHCHECK");
        assertHas(DockerfileRules.violations(withoutCheck, composeBuilds(), DockerfileRules.localHeap()), "no HEALTHCHECK asks /q/health/ready");
    }

    @Test
    void exposedPortOtherThanTheServicesIsCaught() throws IOException {
        String fixedPort = Files.readString(DOCKERFILE).replace("EXPOSE ${HTTP_PORT}", "EXPOSE 8080");
        assertHas(DockerfileRules.violations(fixedPort, composeBuilds(), DockerfileRules.localHeap()),
                "environment-service's image exposes [8080], not its port 8081");
    }

    @Test
    void aLargerHeapThanLocallyIsCaught() throws IOException {
        String bigHeap = Files.readString(DOCKERFILE).replace(DockerfileRules.localHeap(), "-Xmx2g");
        assertHas(DockerfileRules.violations(bigHeap, composeBuilds(), DockerfileRules.localHeap()), "JAVA_OPTS_APPEND sets heap -Xmx2g");
    }

    @Test
    void aCopySourceThatPackagingDoesNotMakeIsCaught() throws IOException {
        List<DockerfileRules.Build> packaged = composeBuilds().stream()
                .filter(build -> Files.isDirectory(build.context().resolve("target/quarkus-app"))).toList();
        assumeTrue(!packaged.isEmpty(), "no service is packaged yet (mvn package): the COPY sources cannot be checked");
        String wrongLayout = Files.readString(DOCKERFILE).replace("target/quarkus-app/lib/", "target/lib/");
        assertHas(DockerfileRules.violations(wrongLayout, packaged, DockerfileRules.localHeap()), "COPY target/lib/ matches nothing");
    }

    @Test
    void jibBuildsTheSameImage() throws IOException {
        String pom = Files.readString(PortalTree.ROOT.resolve("pom.xml"));
        String base = DockerfileRules.parse(Files.readString(DOCKERFILE)).stream()
                .filter(instruction -> instruction.keyword().equals("FROM")).findFirst().orElseThrow().arguments();
        assertTrue(pom.contains("<quarkus.jib.base-jvm-image>" + base + "</quarkus.jib.base-jvm-image>"), "Jib's base image is " + base);
        assertTrue(pom.contains("<quarkus.jib.user>185</quarkus.jib.user>"), "Jib's image runs as the Dockerfile's user");
        assertTrue(pom.contains("<quarkus.jib.jvm-additional-arguments>" + DockerfileRules.localHeap() + ","), "Jib's image has the same heap");
    }

    /** The builds docker-compose.yml asks for: one per service, with its context and build arguments. */
    static List<DockerfileRules.Build> composeBuilds() {
        List<DockerfileRules.Build> builds = new ArrayList<>();
        JsonNode services = ComposeRules.read().path("services");
        for (String name : PortalTree.SERVICE_NAMES) {
            JsonNode build = services.path(name).path("build");
            builds.add(new DockerfileRules.Build(name, PortalTree.ROOT.resolve(build.path("context").asText()).normalize(),
                    Map.of("HTTP_PORT", build.path("args").path("HTTP_PORT").asText())));
        }
        return builds;
    }
}
