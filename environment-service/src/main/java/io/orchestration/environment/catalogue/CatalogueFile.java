package io.orchestration.environment.catalogue;

import io.smallrye.mutiny.Uni;
import io.vertx.core.file.CopyOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The operator's catalogue file: read without blocking, replaced atomically (temp file + rename). */
@ApplicationScoped
public class CatalogueFile {

    private final Vertx vertx;
    private final CatalogueCodec codec;
    private final Path path;

    public CatalogueFile(Vertx vertx, CatalogueCodec codec, @ConfigProperty(name = "environment.catalogue.path") String path) {
        this.vertx = vertx;
        this.codec = codec;
        this.path = Path.of(path).toAbsolutePath();
    }

    public String displayName() {
        return path.toString();
    }

    /** The current catalogue, validated; fails with {@link CatalogueInvalid} when the file is missing or wrong. */
    public Uni<Catalogue> read() {
        return vertx.fileSystem().readFile(path.toString())
                .onFailure().transform(e -> new CatalogueInvalid(displayName(),
                        List.of(new CatalogueError(0, "(file)", "cannot read the catalogue: " + e.getMessage()))))
                .map(buffer -> codec.parse(displayName(), buffer.toString(StandardCharsets.UTF_8)));
    }

    /** Validates {@code text} as a whole catalogue, then swaps it in; a reader never sees half a file. */
    public Uni<Void> replace(String text) {
        codec.parse(displayName(), text);
        String temp = path + ".tmp";
        return vertx.fileSystem().writeFile(temp, Buffer.buffer(text, StandardCharsets.UTF_8.name()))
                .chain(() -> vertx.fileSystem().move(temp, path.toString(),
                        new CopyOptions().setAtomicMove(true).setReplaceExisting(true)));
    }
}
