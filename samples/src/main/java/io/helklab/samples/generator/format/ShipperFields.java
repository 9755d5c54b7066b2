package io.helklab.samples.generator.format;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.event.LogChannel;
import io.helklab.samples.generator.event.WindowsEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Values several shippers derive the same way. Stateless and thread-safe. */
final class ShipperFields {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Winlogbeat's {@code keywords} and NXLog's signed {@code Keywords}: audit success for Security, "classic" for the rest. */
    static final long AUDIT_SUCCESS_KEYWORDS = 0x8020000000000000L;
    static final long CLASSIC_KEYWORDS = 0x8000000000000000L;

    private ShipperFields() {
    }

    /** A stable per-host agent id, as an installed shipper keeps across restarts. */
    static String agentId(Host host, String purpose) {
        return UUID.nameUUIDFromBytes((purpose + ":" + host.name()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * When the shipper read the event: a little after it was written. Derived from the record id so it is
     * reproducible without drawing from the simulation's random source.
     */
    static Instant readTime(WindowsEvent event) {
        return event.time().plusMillis(300 + Math.floorMod(event.recordId() * 7919L, 2_700L));
    }

    static long keywords(WindowsEvent event) {
        return event.channel() == LogChannel.SECURITY ? AUDIT_SUCCESS_KEYWORDS : CLASSIC_KEYWORDS;
    }

    static ObjectNode user(Account account) {
        ObjectNode user = JSON.objectNode();
        user.put("identifier", account.sid());
        user.put("name", account.name());
        user.put("domain", account.domain());
        user.put("type", account.isWellKnownServiceAccount() ? "Well Known Group" : "User");
        return user;
    }

    static ObjectNode eventData(WindowsEvent event) {
        ObjectNode data = JSON.objectNode();
        event.data().forEach(data::put);
        return data;
    }
}
