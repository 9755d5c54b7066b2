package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryLimitsTest {

    @Test
    void ordinaryHuntingQueriesPass() {
        assertThatCode(() -> QueryLimits.check("")).doesNotThrowAnyException();
        assertThatCode(() -> QueryLimits.check("process_path:*\\\\powershell.exe AND (event_id:1 OR (event_id:3 AND "
                + "dst_port:445)) AND process_command_line:*-enc*")).doesNotThrowAnyException();
        assertThatCode(() -> QueryLimits.check("process_command_line:\"***** a phrase's stars are literal *****\""))
                .doesNotThrowAnyException();
        assertThatCode(() -> QueryLimits.check("(".repeat(QueryLimits.MAXIMUM_DEPTH) + "a" + ")".repeat(QueryLimits.MAXIMUM_DEPTH)))
                .doesNotThrowAnyException();
    }

    @Test
    void deepNestingIsRefusedNamingTheLimit() {
        assertThatThrownBy(() -> QueryLimits.check("(".repeat(1_000)))
                .isInstanceOfSatisfying(HuntRequestException.class, refused -> {
                    org.assertj.core.api.Assertions.assertThat(refused.status()).isEqualTo(400);
                    org.assertj.core.api.Assertions.assertThat(refused.parameter()).isEqualTo("q");
                })
                .hasMessageContaining("parentheses").hasMessageContaining("limit is " + QueryLimits.MAXIMUM_DEPTH);
    }

    @Test
    void escapedAndQuotedParenthesesDoNotCount() {
        assertThatCode(() -> QueryLimits.check("\\(".repeat(200))).doesNotThrowAnyException();
        assertThatCode(() -> QueryLimits.check("\"" + "(".repeat(200) + "\"")).doesNotThrowAnyException();
    }

    @Test
    void aManyWildcardTermIsRefused() {
        assertThatThrownBy(() -> QueryLimits.check("*a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p*"))
                .isInstanceOf(HuntRequestException.class)
                .hasMessageContaining("limit is " + QueryLimits.MAXIMUM_WILDCARDS_PER_TERM + " per term");
        assertThatThrownBy(() -> QueryLimits.check("process_name:/.*a.*b.*c.*d.*e.*/"))
                .isInstanceOf(HuntRequestException.class).hasMessageContaining("per term");
    }

    @Test
    void tooManyWildcardTermsAreRefused() {
        String many = "a* ".repeat(QueryLimits.MAXIMUM_WILDCARD_TERMS + 1);
        assertThatThrownBy(() -> QueryLimits.check(many))
                .isInstanceOf(HuntRequestException.class)
                .hasMessageContaining("limit is " + QueryLimits.MAXIMUM_WILDCARD_TERMS);
        assertThatCode(() -> QueryLimits.check("a* ".repeat(QueryLimits.MAXIMUM_WILDCARD_TERMS))).doesNotThrowAnyException();
    }

    @Test
    void anOverlongQueryIsRefused() {
        assertThatThrownBy(() -> QueryLimits.check("a ".repeat(QueryLimits.MAXIMUM_LENGTH)))
                .isInstanceOf(HuntRequestException.class)
                .hasMessageContaining("limit is " + QueryLimits.MAXIMUM_LENGTH);
    }
}
