package io.helklab.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.detection.correlation.CorrelationAlert;
import io.helklab.detection.correlation.CorrelationEngine;
import io.helklab.ingest.normalize.DetectionEvents;
import io.helklab.samples.AnswerFact;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in rule pack over every sample dataset, read straight from the samples jar with the normaliser's
 * reader (no services): each scenario's attack raises the pack's alerts, and the benign background of all nine
 * scenarios raises none. Every alert is checked to be on an event of the attack (a process, host and event the
 * scenario's answer key names), and the alert counts per scenario and rule are pinned.
 */
class BuiltInPackTest {

    /**
     * Alerts per scenario and rule file (correlations as {@code correlation:<file>}). Counts above one are one
     * alert per attack event: every run of the scheduled implant, every connection of injected notepad, each
     * PsExec pipe, each LSASS access and each beacon window of ten connections.
     */
    static final Map<String, Map<String, Integer>> EXPECTED = Map.of(
            "encoded-powershell-cradle", Map.of(
                    "proc_creation_office_spawns_script_interpreter.yml", 1,
                    "proc_creation_powershell_encoded_command.yml", 1,
                    "proc_creation_encoded_download_cradle.yml", 1,
                    "ps_script_web_client_transfer.yml", 2),
            "mshta-rundll32-proxy", Map.of(
                    "proc_creation_mshta_hta_from_user_folder.yml", 1,
                    "proc_creation_mshta_spawns_child.yml", 1,
                    "proc_creation_rundll32_dll_in_writable_folder.yml", 1,
                    "net_connection_rundll32_internet.yml", 6),
            "lsass-credential-dumping", Map.of(
                    "proc_creation_system_binary_name_outside_system_folder.yml", 1,
                    "image_load_dbghelp_outside_system.yml", 2,
                    "proc_access_lsass_dump_rights.yml", 2,
                    "proc_access_lsass_from_user_folder_code.yml", 2,
                    "proc_access_full_access_from_user_folder.yml", 1,
                    "file_event_memory_dump_in_user_folder.yml", 1),
            "scheduled-task-persistence", Map.of(
                    "proc_creation_certutil_download.yml", 1,
                    "proc_creation_schtasks_create_as_system.yml", 1,
                    "win_security_scheduled_task_microsoft_path_user_binary.yml", 1,
                    "proc_creation_task_scheduler_starts_programdata_binary.yml", 19),
            "run-key-persistence", Map.of(
                    "proc_creation_executable_from_zip_temp_folder.yml", 1,
                    "registry_set_run_key_user_writable_path.yml", 1,
                    "proc_creation_program_from_appdata_roaming.yml", 1),
            "wmi-event-subscription", Map.of(
                    "proc_creation_powershell_wmi_subscription.yml", 1,
                    "wmi_event_command_line_consumer.yml", 1,
                    "win_wmi_permanent_command_line_binding.yml", 1,
                    "proc_creation_wmi_scripting_host_child.yml", 1),
            "remote-thread-injection", Map.of(
                    "proc_access_full_access_from_user_folder.yml", 1,
                    "create_remote_thread_start_outside_modules.yml", 1,
                    "net_connection_notepad_or_calculator.yml", 40),
            "psexec-lateral-movement", Map.of(
                    "proc_creation_psexec_with_credentials.yml", 1,
                    "win_system_psexec_service_installed.yml", 1,
                    "pipe_created_psexec.yml", 4,
                    "proc_creation_psexec_service_child.yml", 1,
                    "proc_creation_domain_admins_enumeration.yml", 3),
            "periodic-beaconing", Map.of(
                    "correlation:net_connection_user_profile_program_internet.yml", 12));

    private static RuleSet pack;

    @BeforeAll
    static void loadPack() {
        pack = new RuleLoader(RuleLoadOptions.defaults()).addBuiltIn().build();
        assertThat(pack.reports()).allSatisfy(report ->
                assertThat(report.status()).as("%s", report).isEqualTo(RuleStatus.ACTIVE));
    }

    @Test
    void everyScenarioRaisesItsAlertsOnlyOnAttackEvents() {
        Map<String, Map<String, Integer>> actual = new TreeMap<>();
        List<String> notAttack = new ArrayList<>();
        for (Scenario scenario : SampleCatalog.builtIn()) {
            Map<String, Integer> alerts = new TreeMap<>();
            Attack attack = new Attack(scenario);
            DetectionEngine engine = pack.engine();
            CorrelationEngine correlations = new CorrelationEngine(pack.correlations(), pack.compiledRules());
            try (Stream<byte[]> records = scenario.records()) {
                for (byte[] record : (Iterable<byte[]>) records::iterator) {
                    EventView event = DetectionEvents.read(record);
                    assertThat(event).isNotNull();
                    for (DetectionRule rule : engine.evaluate(event)) {
                        for (CorrelationAlert fired : correlations.onMatch(rule, event, event.time())) {
                            alerts.merge("correlation:" + fileName(fired.rule().file()), 1, Integer::sum);
                            if (!attack.involves(event)) {
                                notAttack.add(scenario.name() + ": " + fired.rule().title() + " on " + describe(event));
                            }
                        }
                        if (correlations.alertsOnItsOwn(rule)) {
                            alerts.merge(fileName(rule.file()), 1, Integer::sum);
                            if (!attack.involves(event)) {
                                notAttack.add(scenario.name() + ": " + rule.title() + " on " + describe(event));
                            }
                        }
                    }
                }
            }
            actual.put(scenario.name(), alerts);
        }
        System.out.println("Built-in pack alerts: " + actual);
        notAttack.forEach(System.out::println);
        assertThat(notAttack).as("alerts on events that are not part of the attack").isEmpty();
        assertThat(actual).isEqualTo(new TreeMap<>(EXPECTED));
    }

    private static String fileName(String file) {
        return Path.of(file.replace("builtin:", "")).getFileName().toString();
    }

    private static String describe(EventView event) {
        return "EventID " + event.eventId() + " Image " + event.field("Image") + " SourceImage "
                + event.field("SourceImage") + " CommandLine " + event.field("CommandLine");
    }

    /** What the scenario's answer key says belongs to the attack: processes, program paths and events. */
    private static final class Attack {
        private final Set<String> processGuids = new HashSet<>();
        private final Set<String> programPaths = new HashSet<>();
        private final Set<String> hostEvents = new HashSet<>();

        Attack(Scenario scenario) {
            for (AnswerFact fact : scenario.answerKey()) {
                Map<String, Object> match = fact.match();
                for (String field : List.of("process_guid", "process_parent_guid", "target_process_guid")) {
                    if (match.get(field) != null) {
                        processGuids.add(match.get(field).toString());
                    }
                }
                Object path = match.get("process_path");
                if (path != null && !path.toString().startsWith("c:\\windows\\")) {
                    programPaths.add(path.toString());
                }
                if (match.get("event_id") != null && (!fact.index().contains("sysmon")
                        || !match.containsKey("process_guid"))) {
                    hostEvents.add(match.get("event_id") + "@" + match.getOrDefault("host_name", "*"));
                }
            }
        }

        boolean involves(EventView event) {
            for (String field : List.of("ProcessGuid", "ParentProcessGuid", "SourceProcessGUID", "SourceProcessGuid",
                    "TargetProcessGUID", "TargetProcessGuid")) {
                String guid = event.field(field);
                if (guid != null && processGuids.contains(guid.replace("{", "").replace("}", "").toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            for (String field : List.of("Image", "SourceImage")) {
                String image = event.field(field);
                if (image != null && programPaths.contains(image.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            String host = event.field("Computer");
            return hostEvents.contains(event.eventId() + "@*")
                    || host != null && hostEvents.contains(event.eventId() + "@" + host.toLowerCase(Locale.ROOT));
        }
    }
}
