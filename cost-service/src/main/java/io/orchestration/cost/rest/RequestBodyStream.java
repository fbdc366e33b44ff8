package io.orchestration.cost.rest;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * A request body as a blocking InputStream with backpressure: the request is paused while more than
 * {@code highWater} bytes wait to be read, and resumed once the reader has taken half of them, so a
 * body of any size holds at most about that much heap.
 */
final class RequestBodyStream extends InputStream {

    private final HttpServerRequest request;
    private final Context context;
    private final long highWater;
    private final ArrayDeque<Buffer> chunks = new ArrayDeque<>();
    private long queued;
    private boolean paused;
    private boolean ended;
    private Throwable failure;
    private Buffer current;
    private int position;

    RequestBodyStream(HttpServerRequest request, long highWater) {
        this.request = request;
        this.context = Vertx.currentContext();
        this.highWater = highWater;
        request.handler(this::received);
        request.endHandler(ignored -> finished(null));
        request.exceptionHandler(this::finished);
        request.resume();
    }

    private synchronized void received(Buffer chunk) {
        chunks.add(chunk);
        queued += chunk.length();
        if (queued > highWater && !paused) {
            paused = true;
            request.pause();
        }
        notifyAll();
    }

    private synchronized void finished(Throwable error) {
        ended = true;
        failure = error;
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (current == null || position >= current.length()) {
            current = next();
            position = 0;
            if (current == null) {
                return -1;
            }
        }
        int n = Math.min(length, current.length() - position);
        current.getBytes(position, position + n, buffer, offset);
        position += n;
        return n;
    }

    private synchronized Buffer next() throws IOException {
        while (chunks.isEmpty()) {
            if (failure != null) {
                throw new IOException("The request body could not be read: " + failure.getMessage(), failure);
            }
            if (ended) {
                return null;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while reading the request body", e);
            }
        }
        Buffer chunk = chunks.poll();
        queued -= chunk.length();
        if (paused && queued < highWater / 2) {
            paused = false;
            context.runOnContext(ignored -> request.resume());
        }
        return chunk;
    }
}
