package io.helklab.door.hunt;

import io.helklab.samples.SampleCatalog;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Times hunt API calls end to end (HTTP through the front door, Elasticsearch, JSON back) over every bundled
 * scenario (about 107,000 events) and prints the median and 90th percentile of each. Run with the test class
 * path: {@code java -cp <test classpath> io.helklab.door.hunt.HuntSearchBenchmark [rounds]}.
 */
public final class HuntSearchBenchmark {
    private HuntSearchBenchmark() {}

    public static void main(String[] arguments) {
        int rounds = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 30;
        long loadStarted = System.nanoTime();
        HuntFixture fixture = HuntFixture.start(SampleCatalog.builtIn());
        try {
            long total = HuntFixture.get(fixture.url() + "api/hunt/search?size=0&histogram=false").body().path("total").asLong();
            System.out.printf("loaded %,d events from %d scenarios in %.1f s%n", total, SampleCatalog.builtIn().size(),
                    (System.nanoTime() - loadStarted) / 1e9);
            Map<String, String> calls = new java.util.LinkedHashMap<>();
            calls.put("all events, 50 hits, histogram", "search");
            calls.put("all events + top values of 5 fields", "search?top=host_name,event_id,process_name,user_name,_index");
            calls.put("Lucene query, histogram", "search?q=" + URLEncoder.encode(
                    "process_name:powershell.exe AND event_id:1", StandardCharsets.UTF_8));
            calls.put("wildcard in command lines", "search?q=" + URLEncoder.encode("process_command_line:*lsass*",
                    StandardCharsets.UTF_8));
            calls.put("filter + negated filter, 500 hits", "search?size=500&filter=event_id:3&filter=-host_name:dc01.helk.lab");
            calls.put("process tree of a workstation (9 days)", "process-tree?host=WKS02.helk.lab");
            for (Map.Entry<String, String> call : calls.entrySet()) {
                String url = fixture.url() + "api/hunt/" + call.getValue();
                for (int warmUp = 0; warmUp < 5; warmUp++) {
                    check(HuntFixture.get(url), url);
                }
                List<Double> millis = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    long started = System.nanoTime();
                    check(HuntFixture.get(url), url);
                    millis.add((System.nanoTime() - started) / 1e6);
                }
                Collections.sort(millis);
                System.out.printf("%-42s median %6.1f ms   p90 %6.1f ms%n", call.getKey(), millis.get(millis.size() / 2),
                        millis.get((int) (millis.size() * 0.9)));
            }
        } finally {
            fixture.close();
        }
    }

    private static void check(HuntFixture.Response response, String url) {
        if (response.status() != 200) {
            throw new IllegalStateException(url + " answered " + response.status() + ": " + response.body());
        }
    }
}
