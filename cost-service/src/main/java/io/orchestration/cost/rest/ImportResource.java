package io.orchestration.cost.rest;

import io.orchestration.common.api.Paging;
import io.orchestration.common.api.ResultPage;
import io.orchestration.common.problem.ProblemException;
import io.orchestration.common.security.Roles;
import io.orchestration.cost.domain.CostImport;
import io.orchestration.cost.domain.ImportReport;
import io.orchestration.cost.focus.FocusImporter;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.UUID;

@Path("/api/costs/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    /** Bytes of a body waiting to be parsed before the connection is paused. */
    private static final long BODY_HIGH_WATER = 4L * 1024 * 1024;

    private final FocusImporter importer;
    private final SecurityIdentity caller;

    public ImportResource(FocusImporter importer, SecurityIdentity caller) {
        this.importer = importer;
        this.caller = caller;
    }

    @POST
    @Consumes({"text/csv", "application/gzip", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Import a FOCUS 1.x CSV file (the body, plain or gzip)", description = "onError=reject (a file with a bad row imports"
            + " nothing: 422 with the line errors) or onError=import (valid rows go in: 201 with a report naming each bad line)."
            + " Rows replace the imported rows of the same providers and days. Bodies up to cost.imports.max-size (1 GB).")
    public Uni<Response> importBody(@QueryParam("onError") String onError, @Context HttpServerRequest request) {
        FocusImporter.OnError chosen = onErrorOf(onError);
        String actor = caller.getPrincipal().getName();
        // The body is read here, not by JAX-RS, so it streams with backpressure instead of queueing in memory.
        RequestBodyStream body = new RequestBodyStream(request, BODY_HIGH_WATER);
        return onWorker(() -> importer.importFile(body, chosen, actor));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Import a FOCUS 1.x CSV file sent as the multipart part 'file'", description = "As the plain body form.")
    public Uni<Response> importMultipart(@RestForm("file") FileUpload file, @QueryParam("onError") String onError) {
        FocusImporter.OnError chosen = onErrorOf(onError);
        if (file == null) {
            throw new ProblemException.InvalidInput("The multipart body has no part named 'file'");
        }
        String actor = caller.getPrincipal().getName();
        return onWorker(() -> {
            try (InputStream in = Files.newInputStream(file.uploadedFile())) {
                return importer.importFile(in, chosen, actor);
            }
        });
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @WithSession
    @Operation(summary = "Imports, newest first, with their reports (line errors left out: open one import for them)")
    public Uni<ResultPage<ImportReport>> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return CostImport.<CostImport>findAll(Sort.descending("createdAt").and("id"))
                .page(paging.page(), paging.size()).list()
                .chain(rows -> CostImport.count().map(total -> new ResultPage<>(
                        rows.stream().map(row -> ImportReport.of(row).withoutErrors()).toList(), paging.page(), paging.size(), total)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @WithSession
    @Operation(summary = "An import's report")
    public Uni<ImportReport> get(@PathParam("id") String id) {
        UUID importId;
        try {
            importId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.InvalidInput("'" + id + "' is not an import id (a UUID)");
        }
        return CostImport.<CostImport>findById(importId)
                .onItem().ifNull().failWith(() -> new ProblemException.NotFound("Import", id))
                .map(ImportReport::of);
    }

    /**
     * Runs an import on a worker thread and answers from the event loop, where the response filters (the audit
     * record, a reactive transaction) must run: a @Blocking method would run them on the worker and lose the audit.
     */
    private static Uni<Response> onWorker(Import work) {
        return Uni.createFrom().item(() -> {
                    try {
                        return created(work.run());
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @FunctionalInterface
    private interface Import {
        ImportReport run() throws Throwable;
    }

    private static Response created(ImportReport report) {
        return Response.created(URI.create("/api/costs/imports/" + report.id())).entity(report).build();
    }

    private static FocusImporter.OnError onErrorOf(String text) {
        if ("reject".equals(text)) {
            return FocusImporter.OnError.REJECT;
        }
        if ("import".equals(text)) {
            return FocusImporter.OnError.IMPORT;
        }
        throw new ProblemException.InvalidInput("Query parameter 'onError' is required: 'reject' (a file with a bad row imports nothing)"
                + " or 'import' (valid rows are imported, bad ones reported by line)" + (text == null ? "" : ", not '" + text + "'"));
    }

}
