package io.helklab.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Wildcards and escapes, from the specification's "String Wildcard" and "Escape Character" sections. */
class WildcardTest {

    private static boolean matches(String sigma, String value) {
        return StringPattern.compile(SigmaString.parse(sigma), true).matches(Text.lower(value));
    }

    @Test
    void questionMarkReplacesOneCharacter() {
        assertThat(matches("prog?.exe", "progA.exe")).isTrue();
        assertThat(matches("prog?.exe", "progB.exe")).isTrue();
        assertThat(matches("prog?.exe", "prog.exe")).isFalse();
        assertThat(matches("prog?.exe", "progAB.exe")).isFalse();
    }

    @Test
    void starReplacesAnyRun() {
        assertThat(matches("antivirus_V*.exe", "antivirus_V1.exe")).isTrue();
        assertThat(matches("antivirus_V*.exe", "antivirus_V21.2.1.exe")).isTrue();
        assertThat(matches("antivirus_V*.exe", "antivirus_V.exe")).isTrue();
        assertThat(matches("antivirus_V*.exe", "antivirus_V1.exe.bak")).isFalse();
        assertThat(matches("*a*b*c*", "xxaxxbxxcxx")).isTrue();
        assertThat(matches("*a*b*c*", "xxcxxbxxaxx")).isFalse();
        assertThat(matches("a*a", "a")).isFalse();
        assertThat(matches("a*?b", "ab")).isFalse();
        assertThat(matches("a*?b", "axb")).isTrue();
    }

    @Test
    void plainBackslashNotBeforeAWildcardIsLiteralSingleOrDouble() {
        assertThat(matches("C:\\Windows\\cmd.exe", "C:\\Windows\\cmd.exe")).isTrue();
        assertThat(matches("C:\\\\Windows\\\\cmd.exe", "C:\\Windows\\cmd.exe")).isTrue();
    }

    @Test
    void escapedWildcardIsAPlainCharacter() {
        assertThat(matches("what\\?", "what?")).isTrue();
        assertThat(matches("what\\?", "whatx")).isFalse();
        assertThat(matches("a\\*b", "a*b")).isTrue();
        assertThat(matches("a\\*b", "axxb")).isFalse();
    }

    @Test
    void escapedBackslashBeforeAWildcardKeepsTheWildcard() {
        // \\* : a backslash followed by the wildcard
        assertThat(matches("C:\\\\*", "C:\\anything")).isTrue();
        assertThat(matches("C:\\\\*", "C:anything")).isFalse();
    }

    @Test
    void threeBackslashesEscapeBothTheBackslashAndTheWildcard() {
        // \\\* : a plain backslash followed by a plain star
        assertThat(matches("C:\\\\\\*", "C:\\*")).isTrue();
        assertThat(matches("C:\\\\\\*", "C:\\x")).isFalse();
    }

    @Test
    void fourBackslashesAreTwoPlainBackslashes() {
        assertThat(matches("\\\\\\\\server", "\\\\server")).isTrue();
        assertThat(SigmaString.parse("\\\\\\\\").plainText()).isEqualTo("\\\\");
        assertThat(SigmaString.parse("\\\\\\").plainText()).isEqualTo("\\\\");
    }

    @Test
    void caseInsensitiveByDefaultAndExactWhenCased() {
        assertThat(matches("*\\POWERSHELL.exe", "C:\\Windows\\powershell.EXE")).isTrue();
        assertThat(StringPattern.compile(SigmaString.parse("IEX*"), false).matches("iex x")).isFalse();
        assertThat(StringPattern.compile(SigmaString.parse("IEX*"), false).matches("IEX x")).isTrue();
    }

    @Test
    void requiredLiteralIsTheLongestPlainRun() {
        assertThat(StringPattern.compile(SigmaString.parse("*\\temp\\\\*.ps?"), true).requiredLiteral())
                .isEqualTo("\\temp\\");
        assertThat(StringPattern.compile(SigmaString.parse("*"), true).requiredLiteral()).isEmpty();
    }
}
