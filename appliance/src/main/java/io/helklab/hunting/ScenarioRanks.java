package io.helklab.hunting;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;

import io.helklab.samples.AnswerFact;
import io.helklab.samples.Scenario;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Where a sample scenario's attack lands in a hunting method's table: the method runs over the scenario's window
 * (its day), and the attack's rank is the first row whose events include one of the processes the answer key
 * names as created (Sysmon event 1 facts). Used by the analytics benchmark and the tests that hold the methods to
 * their target (every attack in the top 10 of at least one method).
 */
public final class ScenarioRanks {

    private ScenarioRanks() {
    }

    /**
     * The attack's rank in {@code method}'s table over {@code scenario}'s window of {@code sysmon}.
     *
     * @return the rank, or -1 when no row holds an attack process
     */
    public static int attackRank(HuntingMethod method, Scenario scenario, Dataset<Row> sysmon) {
        Dataset<Row> table = method.rank(window(sysmon, scenario));
        List<String> attackProcesses = attackProcesses(scenario);
        Column holdsAttack = exists(col("events"),
                event -> lower(event.getField("process_guid")).isin(attackProcesses.toArray()));
        Row first = table.where(holdsAttack).agg(min("rank")).first();
        return first.isNullAt(0) ? -1 : ((Number) first.get(0)).intValue();
    }

    /** The events of {@code sysmon} between the scenario's start and end. */
    public static Dataset<Row> window(Dataset<Row> sysmon, Scenario scenario) {
        Column time = col("`@timestamp`").cast(DataTypes.TimestampType);
        return sysmon.where(time.geq(lit(Timestamp.from(scenario.start())))
                .and(time.leq(lit(Timestamp.from(scenario.end())))));
    }

    /** The GUIDs, in lower case, of the processes whose creation the answer key lists. */
    public static List<String> attackProcesses(Scenario scenario) {
        return scenario.answerKey().stream()
                .map(AnswerFact::match)
                .filter(match -> Objects.equals(String.valueOf(match.get("event_id")), "1"))
                .map(match -> match.get("process_guid"))
                .filter(Objects::nonNull)
                .map(guid -> guid.toString().toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
    }
}
