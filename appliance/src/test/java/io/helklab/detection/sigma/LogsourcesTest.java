package io.helklab.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helklab.detection.MapEvent;
import io.helklab.detection.Rules;
import org.junit.jupiter.api.Test;

/** Which events a logsource selects. */
class LogsourcesTest {

    private static final String SYSMON = "microsoft-windows-sysmon/operational";

    @Test
    void sysmonCategoriesMapToEventIds() throws RuleProblem {
        assertThat(Logsources.resolve("windows", "process_creation", null, 1).eventIds()).containsExactly(1);
        assertThat(Logsources.resolve("windows", "network_connection", null, 1).eventIds()).containsExactly(3);
        assertThat(Logsources.resolve("windows", "image_load", null, 1).eventIds()).containsExactly(7);
        assertThat(Logsources.resolve("windows", "create_remote_thread", null, 1).eventIds()).containsExactly(8);
        assertThat(Logsources.resolve("windows", "process_access", null, 1).eventIds()).containsExactly(10);
        assertThat(Logsources.resolve("windows", "file_event", null, 1).eventIds()).containsExactly(11);
        assertThat(Logsources.resolve("windows", "registry_event", null, 1).eventIds()).containsExactlyInAnyOrder(12, 13, 14);
        assertThat(Logsources.resolve("windows", "registry_set", null, 1).eventIds()).containsExactly(13);
        assertThat(Logsources.resolve("windows", "pipe_created", null, 1).eventIds()).containsExactlyInAnyOrder(17, 18);
        assertThat(Logsources.resolve("windows", "wmi_event", null, 1).eventIds()).containsExactlyInAnyOrder(19, 20, 21);
        assertThat(Logsources.resolve("windows", "dns_query", null, 1).eventIds()).containsExactly(22);
        assertThat(Logsources.resolve("windows", "driver_load", null, 1).eventIds()).containsExactly(6);
        assertThat(Logsources.resolve("windows", "file_delete", null, 1).eventIds()).containsExactlyInAnyOrder(23, 26);
        assertThat(Logsources.resolve("windows", "process_creation", null, 1).channels()).containsExactly(SYSMON);
    }

    @Test
    void powershellCategoriesAndServices() throws RuleProblem {
        Logsource script = Logsources.resolve("windows", "ps_script", null, 1);
        assertThat(script.channels()).containsExactly("microsoft-windows-powershell/operational");
        assertThat(script.eventIds()).containsExactly(4104);
        assertThat(Logsources.resolve("windows", "ps_module", null, 1).eventIds()).containsExactly(4103);
        assertThat(Logsources.resolve("windows", "ps_classic_start", null, 1).channels()).containsExactly("windows powershell");
        Logsource security = Logsources.resolve("windows", null, "security", 1);
        assertThat(security.channels()).containsExactly("security");
        assertThat(security.eventIds()).isNull();
        assertThat(Logsources.resolve(null, null, "taskscheduler", 1).channels())
                .containsExactly("microsoft-windows-taskscheduler/operational");
    }

    @Test
    void unknownLogsourcesAreUnsupported() {
        assertThatThrownBy(() -> Logsources.resolve("linux", "process_creation", null, 3))
                .isInstanceOf(RuleProblem.class).hasMessageContaining("linux").hasMessageContaining("line 3");
        assertThatThrownBy(() -> Logsources.resolve("windows", "webserver", null, 3)).isInstanceOf(RuleProblem.class);
        assertThatThrownBy(() -> Logsources.resolve("windows", null, "no-such-service", 3)).isInstanceOf(RuleProblem.class);
    }

    @Test
    void channelsCompareIgnoringCaseAndEventIdsMayBeStrings() {
        String rule = """
                title: Logon
                logsource:
                    product: windows
                    service: security
                detection:
                    selection:
                        EventID: 4624
                        LogonType: 3
                    condition: selection
                """;
        var engine = Rules.load(rule).engine();
        assertThat(engine.evaluate(MapEvent.of("SECURITY", 4624).with("LogonType", "3"))).hasSize(1);
        assertThat(engine.evaluate(new MapEvent().with("Channel", " security ").with("EventID", "4624")
                .with("LogonType", "3"))).hasSize(1);
        assertThat(engine.evaluate(MapEvent.of("System", 4624).with("LogonType", "3"))).isEmpty();
        assertThat(engine.evaluate(MapEvent.of("Security", 4625).with("LogonType", "3"))).isEmpty();
    }

    @Test
    void processCreationDoesNotCoverSecurity4688() {
        var engine = Rules.load(Rules.processCreation("s:\n    CommandLine|contains: 'whoami'\ncondition: s")).engine();
        assertThat(engine.evaluate(MapEvent.sysmon(1).with("CommandLine", "whoami"))).hasSize(1);
        assertThat(engine.evaluate(MapEvent.of("Security", 4688).with("CommandLine", "whoami"))).isEmpty();
        assertThat(engine.evaluate(MapEvent.sysmon(3).with("CommandLine", "whoami"))).isEmpty();
    }
}
