package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queries that would overflow Elasticsearch's parser or run for tens of seconds are refused by the door, so they
 * neither reach Elasticsearch nor tie up the door's worker threads.
 */
class QueryLimitsIT {
    /** Generous for a 400 computed without Elasticsearch; far below the 30 s such a query cost when it got through. */
    private static final Duration PROMPT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static HuntFixture fixture;

    @BeforeAll
    static void start() {
        fixture = HuntFixture.get();
    }

    private static HttpRequest search(String query) {
        return HttpRequest.newBuilder(URI.create(fixture.url() + "api/hunt/search?q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).timeout(PROMPT).build();
    }

    @Test
    void nineThousandNineHundredNinetyNineOpeningParenthesesAreA400NamingTheLimit() throws Exception {
        HttpResponse<String> response = HTTP.send(search("(".repeat(9_999)), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"parameter\":\"q\"", "the limit is ");
    }

    @Test
    void deeplyNestedParenthesesWithinTheLengthLimitAreA400NamingTheDepthLimit() throws Exception {
        HttpResponse<String> response = HTTP.send(search("(".repeat(1_000) + "a" + ")".repeat(1_000)),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("limit is " + QueryLimits.MAXIMUM_DEPTH);
    }

    @Test
    void aWildcardPatternThatTookElasticsearchTwentyFiveSecondsIsA400() throws Exception {
        HttpResponse<String> response = HTTP.send(search("*a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p*"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("per term");
    }

    @Test
    void healthStaysPromptWhileTwentyHostileQueriesArrive() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> hostile = new ArrayList<>();
        for (int request = 0; request < 20; request++) {
            hostile.add(HTTP.sendAsync(search("(".repeat(9_999)), HttpResponse.BodyHandlers.ofString()));
        }
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(fixture.url() + "api/health"))
                .timeout(PROMPT).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        for (CompletableFuture<HttpResponse<String>> response : hostile) {
            assertThat(response.get().statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aSearchStillAnswersNormallyAfterwards() throws Exception {
        HttpResponse<String> response = HTTP.send(search("event_id:10 AND process_name:*.exe"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"total\"");
    }
}
