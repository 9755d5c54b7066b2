package io.helklab.detection.live;

import io.helklab.detection.DetectionRule;
import io.helklab.detection.EventView;
import io.helklab.detection.correlation.CorrelationAlert;
import io.helklab.detection.ioc.IocList;
import io.helklab.ingest.normalize.Disposition;
import io.helklab.ingest.normalize.EventInspector;
import io.helklab.ingest.normalize.NormalizedEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Detection for one record at a time on one ingest thread: {@link #inspect} runs the rules and IOC lists while
 * the normaliser has the event (adding {@code ioc_match} to its document), then {@link #alerts} turns the matches
 * into alert documents once the event's index and id are known. Call {@code alerts} after every record, matched
 * or not: it also forgets the record. Neither method throws; a failure is counted by the service and the event
 * is indexed without alerts. Not thread-safe: one per ingest thread.
 */
public final class Inspection implements EventInspector {

    private final DetectionService service;
    private LoadedRules loaded;
    private EventView event;
    private List<DetectionRule> matches = List.of();
    private Map<IocList, List<String>> iocHits = Map.of();

    Inspection(DetectionService service) {
        this.service = service;
    }

    @Override
    public Map<String, Object> inspect(EventView view) {
        loaded = service.current();
        event = view;
        matches = loaded.engine.evaluate(view);
        iocHits = Map.of();
        List<String> indicators = null;
        for (IocList list : loaded.iocLists) {
            List<String> found = list.matches(view);
            if (!found.isEmpty()) {
                if (indicators == null) {
                    indicators = new ArrayList<>();
                    iocHits = new LinkedHashMap<>();
                }
                iocHits.put(list, found);
                indicators.addAll(found);
            }
        }
        return indicators == null ? Map.of() : Map.of("ioc_match", indicators);
    }

    /** The alerts of the record just normalised into {@code document}, in its namespace; empty when none. */
    public List<Alert> alerts(NormalizedEvent document, String namespace) {
        try {
            if (event == null || (matches.isEmpty() && iocHits.isEmpty())
                    || document.disposition() == Disposition.PARSE_FAILURE) {
                return List.of();
            }
            return build(document, namespace);
        } catch (RuntimeException | StackOverflowError defect) {
            service.alertFailed(document, defect);
            return List.of();
        } finally {
            event = null;
            matches = List.of();
            iocHits = Map.of();
        }
    }

    private List<Alert> build(NormalizedEvent document, String namespace) {
        Map<String, Object> fields = document.fields();
        String index = AlertDocuments.index(document, namespace);
        Instant now = Instant.now();
        Instant time = eventTime(fields);
        List<Alert> alerts = new ArrayList<>(matches.size() + iocHits.size());
        for (DetectionRule rule : matches) {
            service.hit(rule.key(), now);
            if (loaded.alertPolicy.alertsOnItsOwn(rule)) {
                alerts.add(AlertDocuments.forRule(rule, document, fields, index, now));
            }
            if (!loaded.rules.correlations().isEmpty()) {
                for (CorrelationAlert fired : loaded.correlations(namespace).onMatch(rule, event, time)) {
                    service.hit(fired.rule().key(), now);
                    alerts.add(AlertDocuments.forCorrelation(fired, document, fields, index, now));
                }
            }
        }
        for (Map.Entry<IocList, List<String>> hit : iocHits.entrySet()) {
            service.hit(DetectionService.iocKey(hit.getKey().name()), now);
            alerts.add(AlertDocuments.forIoc(hit.getKey(), hit.getValue(), document, fields, index, now));
        }
        return alerts;
    }

    private Instant eventTime(Map<String, Object> fields) {
        Instant time = event.time();
        if (time != null) {
            return time;
        }
        Object timestamp = fields.get("@timestamp");
        try {
            return timestamp == null ? null : Instant.parse(timestamp.toString());
        } catch (DateTimeParseException unusable) {
            return null;
        }
    }
}
