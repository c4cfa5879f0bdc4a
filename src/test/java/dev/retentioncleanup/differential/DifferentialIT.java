package dev.retentioncleanup.differential;

import dev.retentioncleanup.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The randomized differential suite (issue 10, docs/what-is-deleted.md): each try generates a schema, a config
 * and data from a seed, runs check, a dry run and the run (sometimes stopped by --max-rows and run again), and
 * compares, table by table and row by row, with an independent SQL oracle ({@link Oracle}). One valid try in
 * three also archives, and its archive (and, on half of those, a restore) is checked too ({@link ArchiveCheck}).
 *
 * <p>Seeds come from {@link Seeds} (fixed for CI, {@code scripts/fuzz.sh} for more) and run exhaustively, each
 * once; shrinking is off because a seed is not a value that shrinks meaningfully. A failing try writes a
 * reproduction directory ({@link Repro}) and names it in the failure. With {@code -Dfuzz.keepGoing=true} a failure
 * is recorded in {@code failures.txt} and the run goes on (scripts/fuzz.sh). Shape families: {@link Family}.
 */
class DifferentialIT {
    private static final Path WORK = Path.of(System.getProperty("fuzz.out", "target/fuzz"));
    private static final ShapeCounts COUNTS = new ShapeCounts();
    private static TestDatabase db;
    private static Trial trial;

    @BeforeContainer
    static void createDatabase() throws IOException {
        Files.createDirectories(WORK);
        db = TestDatabase.create("differential");
        trial = new Trial(db, WORK);
    }

    @AfterContainer
    static void dropDatabase() {
        System.out.println(COUNTS.render());
        if (db != null) {
            db.drop();
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.of(Seeds.fromSystemProperties());
    }

    @Property(generation = GenerationMode.EXHAUSTIVE, tries = 1_000_000, shrinking = ShrinkingMode.OFF)
    void the_tool_deletes_exactly_what_the_oracle_deletes(@ForAll("seeds") long seed) throws Exception {
        tryOnce(seed, Family.fromSystemProperty());
    }

    /** Every fixed failure stays fixed; one example for the whole list, so an empty list is a visible skip. */
    @Example
    void seeds_that_once_failed_pass() throws Exception {
        Assume.that(!Regressions.ALL.isEmpty());
        for (Regressions.Regression regression : Regressions.ALL) {
            tryOnce(regression.seed(), Family.parse(regression.families()));
        }
    }

    private static void tryOnce(long seed, Set<Family> families) throws IOException, SQLException {
        Trial.Result result = trial.run(seed, families);
        COUNTS.add(result);
        if (result.problems().isEmpty()) {
            return;
        }
        Path repro = Repro.write(WORK.resolve("failures"), result);
        String message = "seed " + Long.toUnsignedString(seed) + " (families " + Family.spec(families) + "): "
                + result.problems().size() + " disagreement(s) with the oracle; reproduction in "
                + repro.toAbsolutePath() + "\nrerun: scripts/fuzz.sh --seed " + Long.toUnsignedString(seed)
                + " --families " + Family.spec(families) + ArchiveCheck.Plan.rerunFlag() + "\n- " + String.join("\n- ", result.problems());
        if (Boolean.getBoolean("fuzz.keepGoing")) {
            Files.writeString(WORK.resolve("failures.txt"), repro.toAbsolutePath() + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            System.out.println("FAILED " + message);
            return;
        }
        throw new AssertionError(message);
    }
}
