package io.helklab.kernel;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One cell's standard output or error: buffers the bytes and publishes them as text (a Jupyter
 * {@code stream} message) when {@link #publishPending()} is called or the buffer grows large.
 *
 * <p>Threading: written by the cell's thread; {@link #publishPending()} is also called by the
 * kernel's I/O thread every poll round so output appears while a long cell runs. All methods are
 * synchronized. A character split across two writes is held back until it is complete.
 */
final class CellStream extends OutputStream {

    private static final int PUBLISH_THRESHOLD = 16 * 1024;

    private final Consumer<String> publisher;
    private final CharsetDecoder decoder = CellOutputRouting.charset().newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] buffer = new byte[1024];
    private int length;

    CellStream(Consumer<String> publisher) {
        this.publisher = publisher;
    }

    @Override
    public synchronized void write(int oneByte) {
        write(new byte[] {(byte) oneByte}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int count) {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
        if (length >= PUBLISH_THRESHOLD) {
            publishPending();
        }
    }

    /** Publishes the complete characters written so far, if any. */
    synchronized void publishPending() {
        if (length == 0) {
            return;
        }
        ByteBuffer input = ByteBuffer.wrap(buffer, 0, length);
        CharBuffer output = CharBuffer.allocate(length);
        decoder.decode(input, output, false);
        int remaining = input.remaining();
        System.arraycopy(buffer, input.position(), buffer, 0, remaining);
        length = remaining;
        output.flip();
        if (output.hasRemaining()) {
            publisher.accept(output.toString());
        }
    }
}
