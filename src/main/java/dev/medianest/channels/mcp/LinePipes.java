package dev.medianest.channels.mcp;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The byte streams the SDK's stdio transport reads and writes, joined to our own line loop: the
 * loop reads standard input first (to answer what the SDK cannot) and hands the SDK its lines; the
 * SDK's output reaches standard output one whole line at a time, never interleaved with ours.
 */
final class LinePipes {

    private LinePipes() {
    }

    /** Lines handed to the SDK; {@link #close()} is its end of input. */
    static final class Feed extends InputStream {
        private static final byte[] END = new byte[0];
        private final BlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        void offer(String line) {
            lines.add((line + "\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            lines.add(END);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            while (position >= current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = lines.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                position = 0;
                if (current == END) {
                    ended = true;
                    return -1;
                }
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, count);
            position += count;
            return count;
        }

        @Override
        public synchronized int available() {
            return current.length - position;
        }
    }

    /** Collects the SDK's bytes and passes on each complete line. */
    static final class Lines extends OutputStream {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final Consumer<String> sink;

        Lines(Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String line = pending.toString(StandardCharsets.UTF_8);
                pending.reset();
                if (!line.isBlank()) {
                    sink.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                }
            } else {
                pending.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }
    }
}
