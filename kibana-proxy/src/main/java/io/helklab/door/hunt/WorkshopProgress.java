package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A workshop's progress: answers are judged by {@link ScenarioChallenges}, and a right answer from a student
 * who gave a name is kept in {@link HuntIndices#WORKSHOP_PROGRESS} (the name, the challenge and when; never
 * the answer), for the instructor's scoreboard. No accounts: a name is whatever the student typed.
 * Thread-safe.
 */
public final class WorkshopProgress {
    static final int MAXIMUM_NAME = 60;

    /** One student's solved challenges, {@code scenario/challenge} ids in the order solved. */
    public record Student(String name, int solvedCount, List<String> solved, Instant lastSolved) {}

    /** Every student who solved something, most solved first, and how many challenges each scenario has. */
    public record Scoreboard(List<Student> students, Map<String, Integer> challengesPerScenario) {}

    /** The verdict, and whether it was recorded for the student. */
    public record Answer(String scenario, String challenge, boolean correct, String student, boolean recorded) {}

    private final ScenarioChallenges challenges;
    private final StateIndex index;
    private final Clock clock;

    public WorkshopProgress(HuntElasticsearch elasticsearch, ScenarioChallenges challenges, Clock clock) {
        this.challenges = challenges;
        this.clock = clock;
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        properties.putObject("solved_at").put("type", "date");
        this.index = new StateIndex(elasticsearch, HuntIndices.WORKSHOP_PROGRESS, properties);
    }

    /** Judges the answer; a right one from a named student is kept. A blank name keeps nothing. */
    public Answer answer(String student, String scenario, String challenge, String answer) {
        String name = student == null || student.isBlank() ? null : requireName(student);
        ScenarioChallenges.Verdict verdict = challenges.judge(scenario, challenge, answer);
        boolean recorded = false;
        if (verdict.correct() && name != null) {
            ObjectNode document = JsonNodeFactory.instance.objectNode();
            document.put("student", name).put("scenario", scenario).put("challenge", challenge)
                    .put("solved_at", clock.instant().toString());
            index.put(name + "\n" + scenario + "\n" + challenge, document);
            recorded = true;
        }
        return new Answer(scenario, challenge, verdict.correct(), name, recorded);
    }

    public Scoreboard scoreboard() {
        Map<String, List<JsonNode>> byStudent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (JsonNode document : index.all("solved_at")) {
            byStudent.computeIfAbsent(document.path("student").asText(), name -> new ArrayList<>()).add(document);
        }
        List<Student> students = new ArrayList<>();
        byStudent.forEach((name, solved) -> students.add(new Student(name, solved.size(),
                solved.stream().map(document -> document.path("scenario").asText() + "/" + document.path("challenge").asText())
                        .toList(), Instant.parse(solved.get(solved.size() - 1).path("solved_at").asText()))));
        students.sort((left, right) -> right.solvedCount() != left.solvedCount()
                ? Integer.compare(right.solvedCount(), left.solvedCount()) : left.lastSolved().compareTo(right.lastSolved()));
        Map<String, Integer> perScenario = new LinkedHashMap<>();
        challenges.cards().forEach(card -> perScenario.put(card.name(), card.challenges().size()));
        return new Scoreboard(students, perScenario);
    }

    /** What one student has solved, so a fresh browser can show it again. */
    public List<String> solvedBy(String student) {
        String name = requireName(student);
        return scoreboard().students().stream().filter(entry -> entry.name().equalsIgnoreCase(name)).findFirst()
                .map(Student::solved).orElse(List.of());
    }

    static String requireName(String student) {
        String name = student.trim();
        if (name.isEmpty() || name.length() > MAXIMUM_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw HuntRequestException.badParameter("student", "A student name is 1 to " + MAXIMUM_NAME
                    + " printable characters; got '" + student + "'.");
        }
        return name;
    }
}
