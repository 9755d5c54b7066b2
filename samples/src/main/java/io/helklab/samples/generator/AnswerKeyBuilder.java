package io.helklab.samples.generator;

import io.helklab.samples.AnswerFact;
import io.helklab.samples.Challenge;
import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.SimulatedProcess;
import io.helklab.samples.generator.event.LogChannel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects a scenario's answer key, challenges and the accounts it involves while the attack is
 * simulated. Facts are built from the simulated objects themselves, so they cannot drift from the
 * records. Not thread-safe; one per scenario run.
 */
public final class AnswerKeyBuilder {

    private final List<AnswerFact> facts = new ArrayList<>();
    private final List<Challenge> challenges = new ArrayList<>();
    private final Set<Account> involvedAccounts = new LinkedHashSet<>();

    /** The Sysmon process-create event of {@code process}: its GUID, command line, parent, host and user. */
    public AnswerKeyBuilder processCreated(String description, SimulatedProcess process) {
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("event_id", 1);
        match.put("host_name", HelkValues.host(process.host().fullyQualifiedName()));
        match.put("process_guid", HelkValues.guid(process.processGuid()));
        match.put("process_path", HelkValues.lower(process.path()));
        match.put("process_command_line", HelkValues.lower(process.commandLine()));
        match.put("user_name", HelkValues.lower(process.account().name()));
        if (process.parent() != null) {
            match.put("process_parent_guid", HelkValues.guid(process.parent().processGuid()));
            match.put("process_parent_path", HelkValues.lower(process.parent().path()));
        }
        involve(process.account());
        return fact(description, LogChannel.SYSMON, match, 1);
    }

    /**
     * A Sysmon event of {@code eventId} by {@code process} with the extra fields given; the process GUID
     * and host are added.
     */
    public AnswerKeyBuilder sysmonEvent(String description, int eventId, SimulatedProcess process, Map<String, Object> fields,
                                        int minimumHits) {
        Map<String, Object> match = new LinkedHashMap<>(fields);
        match.put("event_id", eventId);
        match.put("host_name", HelkValues.host(process.host().fullyQualifiedName()));
        match.put("process_guid", HelkValues.guid(process.processGuid()));
        return fact(description, LogChannel.SYSMON, match, minimumHits);
    }

    public AnswerKeyBuilder fact(String description, LogChannel channel, Map<String, Object> match, int minimumHits) {
        facts.add(new AnswerFact(description, channel.indexPattern(), match, minimumHits));
        return this;
    }

    public AnswerKeyBuilder challenge(String id, String question, String... acceptedAnswers) {
        challenges.add(new Challenge(id, question, List.of(acceptedAnswers)));
        return this;
    }

    /** A process's name as the class may answer it: {@code winword.exe}, {@code winword} or the full path. */
    public AnswerKeyBuilder processNameChallenge(String id, String question, SimulatedProcess process) {
        String fileName = HelkValues.lower(process.image().fileName());
        return challenge(id, question, fileName, fileName.replaceFirst("\\.exe$", ""), HelkValues.lower(process.path()));
    }

    /** Records a person or service account the attack used; built-in accounts such as SYSTEM are not listed. */
    public AnswerKeyBuilder involve(Account account) {
        if (!account.isWellKnownServiceAccount()) {
            involvedAccounts.add(account);
        }
        return this;
    }

    public List<AnswerFact> facts() {
        return List.copyOf(facts);
    }

    public List<Challenge> challenges() {
        return List.copyOf(challenges);
    }

    /** The accounts the attack used, in the order it first used them. */
    public List<Account> involvedAccounts() {
        return List.copyOf(involvedAccounts);
    }
}
