package io.helklab.samples.generator.event;

import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.Host;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes WMI-Activity 5861 (a permanent event consumer was bound to a filter) for one host; the event
 * comes from the WMI service's host process. Not thread-safe; one instance per host and dataset.
 */
public final class WmiActivityEvents {

    private final Host host;
    private final EventLog log;

    public WmiActivityEvents(Host host, EventLog log) {
        this.host = host;
        this.log = log;
    }

    public void permanentConsumerBound(Instant time, int wmiServiceProcessId, String filterName, String consumerName,
                                       String query, String commandLine) {
        String possibleCause = "Binding EventFilter: \n instance of __EventFilter\n{\n\tCreatorSID = {1, 5, 0, 0, 0, 0, 0, 5, 21};"
                + "\n\tEventNamespace = \"root\\\\cimv2\";\n\tName = \"" + filterName + "\";\n\tQuery = \"" + query
                + "\";\n\tQueryLanguage = \"WQL\";\n};\nPerm. Consumer: \n instance of CommandLineEventConsumer\n{\n"
                + "\tCommandLineTemplate = \"" + commandLine + "\";\n\tName = \"" + consumerName + "\";\n};\n";
        Map<String, String> data = new LinkedHashMap<>();
        data.put("Namespace", "//./root/subscription");
        data.put("ESS", filterName);
        data.put("CONSUMER", "CommandLineEventConsumer=\"" + consumerName + "\"");
        data.put("PossibleCause", possibleCause);
        String message = "Namespace = //./root/subscription; Eventfilter = " + filterName + " (refer to its activate eventid:5859);"
                + " Consumer = CommandLineEventConsumer=\"" + consumerName + "\"; PossibleCause = " + possibleCause;
        log.add(new WindowsEvent(time, host, LogChannel.WMI_ACTIVITY, EventProvider.WMI_ACTIVITY, 5861, 0, "", 0, "Info",
                "Information", wmiServiceProcessId, wmiServiceProcessId + 8, Account.SYSTEM, Collections.unmodifiableMap(data),
                message, 0));
    }
}
