package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What hunters decided about alerts: open (the default, kept by no document), acknowledged or closed. Kept in
 * {@link HuntIndices#ALERT_STATES}, keyed by the alert's document id, never in the alert itself: the detection
 * engine derives that id from the rule and the event, so a replay that rewrites the alert keeps its state.
 * Thread-safe.
 */
public final class AlertStates {
    /** At most this many alerts change in one request. */
    static final int MAXIMUM_CHANGE = 500;
    private static final int MAXIMUM_ID = 512;

    /** An alert's state; {@code OPEN} is what an alert nobody touched is in. */
    public enum State {
        OPEN, ACKNOWLEDGED, CLOSED;

        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State parse(String text, String parameter) {
            for (State state : values()) {
                if (state.spelling().equals(text)) {
                    return state;
                }
            }
            throw HuntRequestException.badParameter(parameter, "'" + text + "' is not an alert state; use open, "
                    + "acknowledged or closed.");
        }
    }

    /** One alert's recorded state and when it was set ({@code null} for an untouched alert). */
    public record Recorded(String alertId, State state, Instant changedAt) {}

    private final StateIndex index;
    private final Clock clock;

    public AlertStates(HuntElasticsearch elasticsearch, Clock clock) {
        this.clock = clock;
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        properties.putObject("changed_at").put("type", "date");
        this.index = new StateIndex(elasticsearch, HuntIndices.ALERT_STATES, properties);
    }

    /** Sets the state of every alert in {@code alertIds}; answers what was recorded. */
    public List<Recorded> set(Collection<String> alertIds, State state) {
        if (alertIds.isEmpty() || alertIds.size() > MAXIMUM_CHANGE) {
            throw HuntRequestException.badParameter("ids", "Give 1 to " + MAXIMUM_CHANGE + " alert ids; got "
                    + alertIds.size() + ".");
        }
        Instant now = clock.instant();
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        List<Recorded> recorded = new ArrayList<>();
        for (String id : alertIds) {
            if (id == null || id.isBlank() || id.length() > MAXIMUM_ID) {
                throw HuntRequestException.badParameter("ids", "An alert id is 1 to " + MAXIMUM_ID + " characters; got '"
                        + id + "'.");
            }
            documents.put(id, JsonNodeFactory.instance.objectNode().put("alert_id", id).put("state", state.spelling())
                    .put("changed_at", now.toString()));
            recorded.add(new Recorded(id, state, now));
        }
        index.putAll(documents);
        return recorded;
    }

    /** The recorded states of these alerts; an alert without a record is open. */
    public Map<String, Recorded> of(Collection<String> alertIds) {
        Map<String, Recorded> states = new LinkedHashMap<>();
        index.byIds(alertIds).forEach((id, document) -> states.put(id, read(id, document)));
        return states;
    }

    /** The ids of every alert that is not open, by state; what a state filter excludes or keeps. */
    public Map<State, List<String>> notOpen() {
        Map<State, List<String>> byState = new LinkedHashMap<>();
        byState.put(State.ACKNOWLEDGED, new ArrayList<>());
        byState.put(State.CLOSED, new ArrayList<>());
        for (JsonNode document : index.all("changed_at")) {
            Recorded state = read(document.path("alert_id").asText(), document);
            if (state.state() != State.OPEN) {
                byState.get(state.state()).add(state.alertId());
            }
        }
        return byState;
    }

    private static Recorded read(String id, JsonNode document) {
        State state;
        try {
            state = State.parse(document.path("state").asText(), "state");
        } catch (HuntRequestException unknown) {
            state = State.OPEN;
        }
        JsonNode changed = document.path("changed_at");
        return new Recorded(id, state, changed.isTextual() ? Instant.parse(changed.asText()) : null);
    }
}
