package io.helklab.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueParsersTest {

    @Test
    void integers() {
        assertThat(ValueParsers.parseInteger("4242")).isEqualTo(4242L);
        assertThat(ValueParsers.parseInteger(" 0x1FFFFF ")).isEqualTo(2097151L);
        assertThat(ValueParsers.parseInteger("0x7fffffffffffffff")).isEqualTo(Long.MAX_VALUE);
        assertThat(ValueParsers.parseInteger("0xffffffffffffffff")).isNull();
        assertThat(ValueParsers.parseInteger("0x")).isNull();
        assertThat(ValueParsers.parseInteger("-1")).isNull();
        assertThat(ValueParsers.parseInteger("12a")).isNull();
        assertThat(ValueParsers.parseInteger("1234567890123456789")).isNull();
        assertThat(ValueParsers.parseInteger("")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.2.15", "0.0.0.0", "255.255.255.255", "::", "::1", "fe80::1", "fe80:0:0:0:1d4a:29c4:5e62:8f1a",
            "::ffff:10.0.0.1", "2001:db8::2:1", "1:2:3:4:5:6:7:8", "1::", "ff02::1:3"})
    void validIpLiterals(String literal) {
        assertThat(ValueParsers.isIpLiteral(literal)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.256", "10.0.0", "10.0.0.1.2", "010.0.0.1", "10..0.1", "1:2:3:4:5:6:7:8:9",
            "1::2::3", "fe80::1%12", "evil.example.com", ":", "1:", ":1", "gggg::1", "12345::1", "::ffff:10.0.0.256",
            "1.2.3.4::", "localhost", "-"})
    void invalidIpLiterals(String literal) {
        assertThat(ValueParsers.isIpLiteral(literal)).isFalse();
    }

    @Test
    void guidsBooleansAndBasenames() {
        assertThat(ValueParsers.normalizeGuid("{6F1D2B7C-3E4A-65E1-0B00-000000000A00}"))
                .isEqualTo("6f1d2b7c-3e4a-65e1-0b00-000000000a00");
        assertThat(ValueParsers.normalizeGuid("6F1D2B7C")).isEqualTo("6f1d2b7c");
        assertThat(ValueParsers.parseBoolean("True")).isTrue();
        assertThat(ValueParsers.parseBoolean("0")).isFalse();
        assertThat(ValueParsers.parseBoolean("yes")).isNull();
        assertThat(ValueParsers.basename("c:\\windows\\system32\\cmd.exe")).isEqualTo("cmd.exe");
        assertThat(ValueParsers.basename("/usr/bin/pwsh")).isEqualTo("pwsh");
        assertThat(ValueParsers.basename("system")).isEqualTo("system");
    }

    @Test
    void timestamps() {
        assertThat(instant("2024-03-01 12:00:00.123")).isEqualTo(Instant.parse("2024-03-01T12:00:00.123Z"));
        assertThat(TimestampParser.parse("2024-03-01 12:00:00.123").hadZone()).isFalse();
        assertThat(instant("2024-03-01T12:00:00.1234567Z")).isEqualTo(Instant.parse("2024-03-01T12:00:00.1234567Z"));
        assertThat(instant("2024-03-01T12:00:00+02:00")).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(instant("2024-03-01T12:00:00.5-0430")).isEqualTo(Instant.parse("2024-03-01T16:30:00.5Z"));
        assertThat(instant("/Date(1709294400000)/")).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
        assertThat(instant("/Date(1709294400000+0100)/")).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
        assertThat(TimestampParser.parse("2024-02-30 12:00:00")).isNull();
        assertThat(TimestampParser.parse("2024-03-01 25:00:00")).isNull();
        assertThat(TimestampParser.parse("yesterday")).isNull();
        assertThat(TimestampParser.parse("2024-03-01T12:00:00 CET")).isNull();
        assertThat(TimestampParser.parse("2024-03-01T12:00:00.")).isNull();
        assertThat(TimestampParser.parse("/Date(abc)/")).isNull();
    }

    private static Instant instant(String text) {
        return TimestampParser.parse(text).instant();
    }
}
