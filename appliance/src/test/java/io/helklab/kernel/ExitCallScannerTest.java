package io.helklab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;

class ExitCallScannerTest {

    /** Never run: the scanner only reads these classes' bytes. */
    static final class CallsExit {
        void quit() {
            System.exit(1);
        }
    }

    static final class HaltsThroughAMethodReference {
        IntConsumer halt() {
            return Runtime.getRuntime()::halt;
        }
    }

    static final class Harmless {
        long constants() {
            // long and double constants take two pool slots; the scanner must not lose its place
            return 1234567890123L + (long) 3.5e12 + Runtime.getRuntime().availableProcessors();
        }
    }

    @Test
    void findsDirectCalls() throws IOException {
        assertThat(ExitCallScanner.forbiddenCalls(bytesOf(CallsExit.class))).containsExactly("java.lang.System.exit");
    }

    @Test
    void findsMethodReferences() throws IOException {
        assertThat(ExitCallScanner.forbiddenCalls(bytesOf(HaltsThroughAMethodReference.class)))
                .containsExactly("java.lang.Runtime.halt");
    }

    @Test
    void acceptsOtherRuntimeCalls() throws IOException {
        assertThat(ExitCallScanner.forbiddenCalls(bytesOf(Harmless.class))).isEmpty();
        assertThat(ExitCallScanner.forbiddenCalls(bytesOf(String.class))).isEmpty();
    }

    @Test
    void rejectsBytesThatAreNoClass() {
        assertThatThrownBy(() -> ExitCallScanner.forbiddenCalls(new byte[] {1, 2, 3, 4, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a class file");
        assertThatThrownBy(() -> ExitCallScanner.forbiddenCalls(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA,
                (byte) 0xBE, 0, 0, 0, 61, 0, 9}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable class file");
    }

    private static byte[] bytesOf(Class<?> type) throws IOException {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream input = type.getResourceAsStream(resource)) {
            return input.readAllBytes();
        }
    }
}
