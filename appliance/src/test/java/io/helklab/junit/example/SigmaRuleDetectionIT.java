package io.helklab.junit.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.detection.live.BackTest;
import io.helklab.junit.HelkLabTest;
import io.helklab.junit.HuntNamespace;
import org.junit.jupiter.api.Test;

/** The README's Sigma example: a rule back-tested over a scenario's events, and the alerts the appliance raised. */
// README-SIGMA-EXAMPLE-START
@HelkLabTest
class SigmaRuleDetectionIT {
    static final String LSASS_READ_RULE = """
            title: LSASS memory read by a program outside System32
            id: 5c1f0a3e-7d6b-4f8e-9a2c-3b4d5e6f7a80
            logsource: {product: windows, category: process_access}
            detection:
              lsass:
                TargetImage|endswith: '\\lsass.exe'
                GrantedAccess: ['0x1010', '0x1410', '0x1FFFFF']
              system:
                SourceImage|startswith: 'C:\\Windows\\System32\\'
              condition: lsass and not system
            level: high
            """;

    @Test
    void firesOnTheDumperAndTheBuiltInPackAlerts(HuntNamespace hunt) {
        hunt.awaitDocuments(hunt.sendScenario("lsass-credential-dumping"));

        BackTest.Result result = hunt.backTest(LSASS_READ_RULE);

        assertThat(result.rule().status().label()).isEqualTo("active");
        assertThat(result.matched()).isEqualTo(2);
        assertThat(result.events()).allSatisfy(event ->
                assertThat(event.processName()).isEqualTo("werfault.exe"));
        assertThat(hunt.alerts()).anySatisfy(alert ->
                assertThat(alert.get("attack_technique_ids").toString()).contains("T1003.001"));
    }

    @Test
    void staysSilentOnADayWithoutCredentialDumping(HuntNamespace hunt) {
        hunt.awaitDocuments(hunt.sendScenario("run-key-persistence"));

        assertThat(hunt.backTest(LSASS_READ_RULE).matched()).isZero();
        assertThat(hunt.alerts()).noneSatisfy(alert ->
                assertThat(alert.get("attack_technique_ids").toString()).contains("T1003.001"));
    }
}
// README-SIGMA-EXAMPLE-END
