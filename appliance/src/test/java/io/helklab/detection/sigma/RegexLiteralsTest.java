package io.helklab.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The literal a regex requires, used to prefilter rules whose only selective value is a regex. */
class RegexLiteralsTest {

    @Test
    void plainRunsOutsideGroupsClassesAndOptionalQuantifiers() {
        assertThat(RegexLiterals.requiredLiteral("(?i)exec bypass\\s+[a-z0-9]{8,}")).isEqualTo("exec bypass");
        assertThat(RegexLiterals.requiredLiteral("\\\\AppData\\\\Local\\\\Temp\\\\[^\\\\]+\\.exe$"))
                .isEqualTo("\\appdata\\local\\temp\\");
        assertThat(RegexLiterals.requiredLiteral("invoke-(web)?request")).isEqualTo("invoke-");
        assertThat(RegexLiterals.requiredLiteral("abcd?e")).isEqualTo("abc");
        assertThat(RegexLiterals.requiredLiteral("xyz+")).isEqualTo("xyz");
        assertThat(RegexLiterals.requiredLiteral("ab{0,2}cdef")).isEqualTo("cdef");
    }

    @Test
    void nothingWhenTheRegexHasNoCertainLiteral() {
        assertThat(RegexLiterals.requiredLiteral("mimikatz|procdump")).isEmpty();
        assertThat(RegexLiterals.requiredLiteral("[a-z]+\\d{3}")).isEmpty();
        assertThat(RegexLiterals.requiredLiteral("\\x41\\x42\\x43")).isEmpty();
        assertThat(RegexLiterals.requiredLiteral("\\Qa.b\\E")).isEmpty();
    }
}
