package dev.retentioncleanup.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.guard.Guard;
import dev.retentioncleanup.guard.Guards;
import dev.retentioncleanup.guard.UnreadableSignalException;
import dev.retentioncleanup.guard.Verdict;
import dev.retentioncleanup.observe.RunListener;
import dev.retentioncleanup.result.GuardEvent;
import dev.retentioncleanup.result.Outcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Pausing, pacing, stopping and episode logging on a fake clock: no database, no real sleeping. */
class GuardGateTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<GuardEvent> heard = new ArrayList<>();
    private final RunListener listener = new RunListener() {
        @Override
        public void guardEvent(GuardEvent event) {
            heard.add(event);
        }
    };
    private final StopSignal stop = new StopSignal();

    /** A guard whose reading is a number from a function of the clock; over 10 pauses. */
    private final class Fake implements Guard<Double> {
        final String name;
        final Function<Instant, Double> signal;
        int reads;

        Fake(String name, Function<Instant, Double> signal) {
            this.name = name;
            this.signal = signal;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Setting<?> setting() {
            return Setting.limit(name.replace('_', '-'), "N", Double::parseDouble, "A fake guard.");
        }

        @Override
        public boolean needsConnection() {
            return false;
        }

        @Override
        public Double read(Connection ignored) throws SQLException {
            reads++;
            double value = signal.apply(clock.instant());
            if (value < 0) {
                throw new UnreadableSignalException("--" + name + " needs pg_monitor");
            }
            return value;
        }

        @Override
        public Verdict verdict(Double reading) {
            return reading <= 10 ? Verdict.proceed(name, reading, 10)
                    : Verdict.pause(name, reading, 10, name + " at " + reading.intValue());
        }
    }

    private GuardGate gate(Duration guardWait, Duration interval, Guard<?>... guards) {
        return new GuardGate(Guards.of(List.of(guards), clock, interval), null, guardWait, interval, clock,
                d -> clock.advance(d), listener, stop);
    }

    @Test
    void proceedsAtOnceWhenEveryGuardDoes() throws Exception {
        Fake fine = new Fake("fine", t -> 10.0);
        GuardGate gate = gate(Duration.ofMinutes(5), Duration.ofSeconds(1), fine);
        assertThat(gate.clearance()).isNull();
        assertThat(gate.events()).isEmpty();
        assertThat(clock.elapsed()).isZero();
    }

    @Test
    void pausesUntilTheSignalFallsThenResumesLoggingOnePauseEvent() throws Exception {
        Instant start = clock.instant();
        Fake backlog = new Fake("backlog", t -> Duration.between(start, t).toSeconds() < 30 ? 12.0 : 3.0);
        GuardGate gate = gate(Duration.ofMinutes(5), Duration.ofSeconds(1), backlog);
        assertThat(gate.clearance()).isNull();
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(30));
        assertThat(heard).hasSize(1);
        GuardEvent event = heard.get(0);
        assertThat(event.guard()).isEqualTo("backlog");
        assertThat(event.action()).isEqualTo(Verdict.Action.PAUSE);
        assertThat(event.reading()).isEqualTo(12.0);
        assertThat(event.limit()).isEqualTo(10.0);
        assertThat(event.at()).isEqualTo(start);
        assertThat(gate.events()).isEqualTo(heard);
    }

    @Test
    void stopsAfterGuardWaitOfContinuousPauseNamingGuardReadingAndLimit() throws Exception {
        Fake stuck = new Fake("slot", t -> 42.0);
        GuardGate gate = gate(Duration.ofSeconds(20), Duration.ofSeconds(1), stuck);
        StopSignal.Request stopped = gate.clearance();
        assertThat(stopped.outcome()).isEqualTo(Outcome.STOPPED_BY_GUARD);
        assertThat(stopped.reason()).isEqualTo("guard slot: slot at 42; paused 20.0s (--guard-wait 20s)");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(20));
        assertThat(heard).extracting(GuardEvent::action).containsExactly(Verdict.Action.PAUSE, Verdict.Action.STOP);
        assertThat(heard.get(1).reading()).isEqualTo(42.0);
    }

    @Test
    void guardWaitZeroStopsAtTheFirstPause() throws Exception {
        GuardGate gate = gate(Duration.ZERO, Duration.ofSeconds(1), new Fake("x", t -> 11.0));
        assertThat(gate.clearance().outcome()).isEqualTo(Outcome.STOPPED_BY_GUARD);
        assertThat(clock.elapsed()).isZero();
    }

    @Test
    void anUnreadableSignalStopsAtOnce() throws Exception {
        GuardGate gate = gate(Duration.ofMinutes(5), Duration.ofSeconds(1), new Fake("wal", t -> -1.0));
        StopSignal.Request stopped = gate.clearance();
        assertThat(stopped.outcome()).isEqualTo(Outcome.STOPPED_BY_GUARD);
        assertThat(stopped.reason()).isEqualTo("guard wal: --wal needs pg_monitor");
        assertThat(clock.elapsed()).isZero();
        assertThat(heard).extracting(GuardEvent::action).containsExactly(Verdict.Action.STOP);
    }

    @Test
    void aStopRequestEndsAPauseWithinAStep() throws Exception {
        Instant start = clock.instant();
        Fake stuck = new Fake("file", t -> {
            if (Duration.between(start, t).toSeconds() >= 3) {
                stop.request(Outcome.INTERRUPTED_SIGTERM, "SIGTERM received");
            }
            return 50.0;
        });
        GuardGate gate = gate(Duration.ofMinutes(5), Duration.ofSeconds(1), stuck);
        assertThat(gate.clearance().outcome()).isEqualTo(Outcome.INTERRUPTED_SIGTERM);
        assertThat(clock.elapsed()).isLessThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void readingsAreReusedForTheGuardInterval() throws Exception {
        Fake fine = new Fake("fine", t -> 1.0);
        GuardGate gate = gate(Duration.ofMinutes(5), Duration.ofSeconds(1), fine);
        gate.clearance();
        gate.clearance();
        clock.advance(Duration.ofMillis(999));
        gate.clearance();
        assertThat(fine.reads).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        gate.clearance();
        assertThat(fine.reads).isEqualTo(2);
    }

    @Test
    void anEpisodeSpanningManyBatchesIsOneEventAndAPauseAfterAFreeBatchIsANewOne() throws Exception {
        // Over the limit right after each "batch" (checks at whole seconds), under half a second later: pacing-like.
        Fake pacing = new Fake("rate", t -> t.getNano() == 0 ? 20.0 : 5.0);
        GuardGate gate = gate(Duration.ofMinutes(5), Duration.ofMillis(50), pacing);
        for (int batch = 0; batch < 5; batch++) {
            assertThat(gate.clearance()).isNull();
            clock.advance(Duration.ofMillis(1000 - clock.instant().getNano() / 1_000_000)); // the next whole second
        }
        assertThat(heard).extracting(GuardEvent::action).containsExactly(Verdict.Action.PAUSE);
        // a check that proceeds at once ends the episode; the next pause is a new event
        clock.advance(Duration.ofMillis(100));
        assertThat(gate.clearance()).isNull();
        clock.advance(Duration.ofMillis(900));
        assertThat(gate.clearance()).isNull();
        assertThat(heard).extracting(GuardEvent::action).containsExactly(Verdict.Action.PAUSE, Verdict.Action.PAUSE);
    }

    private static final class MutableClock extends Clock {
        private final Instant start;
        private Instant now;

        MutableClock(Instant start) {
            this.start = start;
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        Duration elapsed() {
            return Duration.between(start, now);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
