package dev.retentioncleanup.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientErrorsTest {
    @ParameterizedTest
    @ValueSource(strings = {"08000", "08001", "08003", "08006", "57P01", "57P02", "57P03", "40001", "40P01", "55P03", "57014", "53300"})
    void transient_states(String state) {
        assertThat(TransientErrors.isTransient(new SQLException("x", state))).isTrue();
        assertThat(TransientErrors.transientState(new SQLException("x", state))).contains(state);
    }

    @ParameterizedTest
    @ValueSource(strings = {"23503", "23505", "42P01", "42501", "25006", "53100", "XX000", "57P04", "0A000"})
    void permanent_states(String state) {
        assertThat(TransientErrors.isTransient(new SQLException("x", state))).isFalse();
    }

    @Test
    void no_state_is_not_transient() {
        assertThat(TransientErrors.isTransient(new SQLException("no state"))).isFalse();
    }

    @Test
    void finds_the_state_behind_next_exception_and_causes() {
        BatchUpdateException batch = new BatchUpdateException("batch entry 0 failed", "XX000", new int[0]);
        batch.setNextException(new SQLException("deadlock detected", "40P01"));
        assertThat(TransientErrors.transientState(batch)).contains("40P01");

        SQLException poolTimeout = new SQLTransientConnectionException("pool timeout", null,
                new SQLException("I/O error", "08006"));
        assertThat(TransientErrors.transientState(poolTimeout)).contains("08006");
    }

    @Test
    void survives_cyclic_chains() {
        SQLException a = new SQLException("a", "XX000");
        SQLException b = new SQLException("b", "XX001");
        a.setNextException(b);
        b.initCause(a);
        assertThat(TransientErrors.isTransient(a)).isFalse();
    }
}
