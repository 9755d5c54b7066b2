package io.helklab.ingest.normalize;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 check (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). The JDK's
 * {@code new String(bytes, UTF_8)} silently replaces bad bytes, which would lose evidence; this tells us
 * to keep the record as base64 instead.
 */
final class Utf8Validator {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8Validator() {
    }

    /** The offset of the first byte that is not part of a valid UTF-8 sequence, or -1 when all are valid. */
    static int firstInvalidByte(byte[] bytes) {
        int length = bytes.length;
        int i = 0;
        while (i < length) {
            // Windows event JSON is nearly all ASCII: skip eight ASCII bytes at a time.
            while (i + 8 <= length && ((long) LONGS.get(bytes, i) & 0x8080808080808080L) == 0) {
                i += 8;
            }
            if (i >= length) {
                break;
            }
            int lead = bytes[i] & 0xff;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int continuation;
            int minimum;
            if (lead >= 0xc2 && lead <= 0xdf) {
                continuation = 1;
                minimum = 0x80;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                continuation = 2;
                minimum = 0x800;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                continuation = 3;
                minimum = 0x10000;
            } else {
                return i;
            }
            if (i + continuation >= length) {
                return i;
            }
            int codePoint = lead & (0x3f >> continuation);
            for (int k = 1; k <= continuation; k++) {
                int next = bytes[i + k] & 0xff;
                if ((next & 0xc0) != 0x80) {
                    return i;
                }
                codePoint = (codePoint << 6) | (next & 0x3f);
            }
            if (codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
                return i;
            }
            i += continuation + 1;
        }
        return -1;
    }
}
