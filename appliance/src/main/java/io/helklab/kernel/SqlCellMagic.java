package io.helklab.kernel;

import java.util.Objects;

import org.apache.spark.sql.SparkSession;

/**
 * {@code %%sql [--limit N]}: runs the cell body as one Spark SQL statement and shows the first
 * {@code N} rows (default 100) as a table, with the total row count.
 *
 * <p>Thread-safe: Spark sessions accept concurrent queries.
 */
public final class SqlCellMagic implements CellMagic {

    public static final int DEFAULT_ROW_LIMIT = 100;

    private final SparkSession sparkSession;

    public SqlCellMagic(SparkSession sparkSession) {
        this.sparkSession = Objects.requireNonNull(sparkSession, "sparkSession");
    }

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public String description() {
        return "run one Spark SQL statement and show its rows as a table; --limit N rows (default "
                + DEFAULT_ROW_LIMIT + ")";
    }

    @Override
    public Displayable execute(String arguments, String body) {
        int limit = parseLimit(arguments);
        String statement = body.strip();
        if (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).strip();
        }
        if (statement.isEmpty()) {
            throw new IllegalArgumentException("%%sql needs a SQL statement below the %%sql line,"
                    + " e.g. SELECT * FROM range(10)");
        }
        return DatasetTable.render(sparkSession.sql(statement), limit);
    }

    static int parseLimit(String arguments) {
        String[] words = arguments.isBlank() ? new String[0] : arguments.strip().split("\\s+");
        int limit = DEFAULT_ROW_LIMIT;
        for (int index = 0; index < words.length; index++) {
            String word = words[index];
            String value;
            if (word.equals("--limit") && index + 1 < words.length) {
                value = words[++index];
            } else if (word.startsWith("--limit=")) {
                value = word.substring("--limit=".length());
            } else {
                throw new IllegalArgumentException("%%sql does not understand '" + word + "' in '%%sql "
                        + arguments + "'. Usage: %%sql [--limit N]");
            }
            try {
                limit = Integer.parseInt(value);
            } catch (NumberFormatException notANumber) {
                limit = 0;
            }
            if (limit < 1) {
                throw new IllegalArgumentException("%%sql --limit needs a positive whole number, got '" + value + "'");
            }
        }
        return limit;
    }
}
