package io.helklab.ingest.normalize;

import static io.helklab.ingest.normalize.ValueKind.GUID;
import static io.helklab.ingest.normalize.ValueKind.LOWER;
import static io.helklab.ingest.normalize.ValueKind.NUMBER;
import static io.helklab.ingest.normalize.ValueKind.SKIP;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PowerShell fields, HELK style ({@code 2511-winevent-powershell-filter.conf}): script block logging (4104),
 * module logging (4103: {@code ContextInfo} and {@code Payload} unpacked), and the classic
 * "Windows PowerShell" log's {@code key=value} lines in {@code param3} (400/403/600/800).
 * All output lives under the {@code powershell} object. Stateless and thread-safe.
 */
final class PowerShellFields {

    static final Map<String, FieldRule> RULES = new FieldRule.Table()
            .include(WindowsRules.GLOBAL)
            .put("ScriptBlockText", "powershell.scriptblock.text")
            .put("ScriptBlockId", "powershell.scriptblock.id", GUID)
            .put("MessageNumber", "powershell.scriptblock.message_number", NUMBER)
            .put("MessageTotal", "powershell.scriptblock.message_total", NUMBER)
            .put("Path", "powershell.script.path", LOWER)
            .put("ContextInfo", "powershell", SKIP)
            .put("Payload", "powershell", SKIP)
            .build();

    /** Keys of ContextInfo / param3 lines, lower-cased and without blanks, to their HELK fields. */
    private static final Map<String, FieldRule> CONTEXT_KEYS = new HashMap<>();

    static {
        context("hostname", "powershell.host.name", ValueKind.KEEP);
        context("hostversion", "powershell.host.version", ValueKind.KEEP);
        context("hostid", "powershell.host.id", GUID);
        context("hostapplication", "powershell.host.application", ValueKind.KEEP);
        context("engineversion", "powershell.engine_version", ValueKind.KEEP);
        context("runspaceid", "powershell.runspace_id", GUID);
        context("pipelineid", "powershell.pipeline_id", NUMBER);
        context("commandname", "powershell.command.name", LOWER);
        context("commandtype", "powershell.command.type", ValueKind.KEEP);
        context("scriptname", "powershell.script.name", LOWER);
        context("commandpath", "powershell.command.path", LOWER);
        context("commandline", "powershell.command.line", ValueKind.KEEP);
        context("sequencenumber", "powershell.sequence_number", NUMBER);
        context("connecteduser", "powershell.connected_user", LOWER);
        context("shellid", "powershell.shell_id", ValueKind.KEEP);
        context("userid", "powershell.user_id", LOWER);
        context("user", "powershell.user_account", ValueKind.ACCOUNT);
        context("newenginestate", "powershell.newengine_state", ValueKind.KEEP);
        context("previousenginestate", "powershell.previousengine_state", ValueKind.KEEP);
        context("providername", "powershell.providername", ValueKind.KEEP);
        context("newproviderstate", "powershell.newproviderstate", ValueKind.KEEP);
    }

    private PowerShellFields() {
    }

    private static void context(String key, String target, ValueKind kind) {
        CONTEXT_KEYS.put(key, FieldRule.of(target, kind));
    }

    /** Unpacks the composite PowerShell fields of one event into the document. */
    static void expand(Map<String, String> eventData, DocumentBuilder document) {
        String contextInfo = eventData.get("ContextInfo");
        if (contextInfo != null) {
            applyKeyValueLines(contextInfo, document);
        }
        String param3 = eventData.get("param3");
        if (param3 != null && param3.indexOf('=') >= 0) {
            applyKeyValueLines(param3, document);
        }
        String payload = eventData.get("Payload");
        if (payload != null) {
            applyPayload(payload, document);
        }
    }

    /** Lines like {@code "        Host Name = ConsoleHost"} or {@code "\tHostName=ConsoleHost"}. */
    private static void applyKeyValueLines(String text, DocumentBuilder document) {
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = line.substring(0, equals).replace(" ", "").replace("\t", "").toLowerCase(Locale.ROOT);
            FieldRule rule = CONTEXT_KEYS.get(key);
            if (rule != null) {
                document.apply(key, line.substring(equals + 1).strip(), rule);
            }
        }
    }

    /**
     * Module-logging payload: {@code CommandInvocation(Name): "Name"} lines, {@code ParameterBinding(Name):
     * name="X"; value="Y"} lines (collected into {@code powershell.param.name}/{@code .value}), and the rest.
     */
    private static void applyPayload(String payload, DocumentBuilder document) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> invocations = new ArrayList<>();
        StringBuilder remaining = new StringBuilder();
        for (String rawLine : payload.split("\n")) {
            String line = rawLine.strip();
            if (line.startsWith("CommandInvocation(")) {
                int colon = line.indexOf("): ");
                if (colon > 0) {
                    invocations.add(unquote(line.substring(colon + 3).strip()));
                    continue;
                }
            } else if (line.startsWith("ParameterBinding(")) {
                int nameStart = line.indexOf("name=\"");
                int valueMarker = line.indexOf("; value=\"");
                if (nameStart > 0 && valueMarker > nameStart) {
                    names.add(line.substring(nameStart + 6, valueMarker - 1));
                    values.add(unquote(line.substring(valueMarker + 8)));
                    continue;
                }
            }
            if (!line.isEmpty()) {
                if (remaining.length() > 0) {
                    remaining.append('\n');
                }
                remaining.append(line);
            }
        }
        if (!invocations.isEmpty()) {
            document.put("powershell.CommandInvocation", invocations.size() == 1 ? invocations.get(0) : invocations);
        }
        if (!names.isEmpty()) {
            document.put("powershell.param.name", names);
            document.put("powershell.param.value", values);
        }
        if (remaining.length() > 0) {
            document.put("powershell.remaining_payload", remaining.toString());
        }
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.charAt(0) == '"' && text.charAt(text.length() - 1) == '"') {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
