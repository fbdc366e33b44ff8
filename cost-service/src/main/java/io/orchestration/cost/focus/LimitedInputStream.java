package io.orchestration.cost.focus;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read and fails once they pass a limit, so an endless or expanding body stops early. */
final class LimitedInputStream extends FilterInputStream {

    private final long maxBytes;
    private final String what;
    private long count;

    LimitedInputStream(InputStream in, long maxBytes, String what) {
        super(in);
        this.maxBytes = maxBytes;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    long count() {
        return count;
    }

    private void counted(int n) {
        count += n;
        if (count > maxBytes) {
            throw new ImportTooLarge(what, maxBytes);
        }
    }
}
