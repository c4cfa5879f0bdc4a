package dev.retentioncleanup.guard;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import dev.retentioncleanup.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;

/** What a guard needs to be allowed to read, asked of the server up front so the refusal names the privilege. */
final class Privileges {
    static final String INSUFFICIENT_PRIVILEGE = "42501";

    private Privileges() {
    }

    /** Whether the function (a regprocedure text such as "pg_ls_waldir()") exists on this server. */
    static boolean functionExists(Connection connection, String signature) throws SQLException {
        return bool(connection, "to_regprocedure({0}) IS NOT NULL", signature);
    }

    /** EXECUTE on a function, through role membership (pg_monitor) or superuser. */
    static boolean canExecute(Connection connection, String signature) throws SQLException {
        return bool(connection, "has_function_privilege({0}, 'EXECUTE')", signature);
    }

    /** Membership with the role's privileges (pg_read_all_stats, pg_monitor); superusers have all. */
    static boolean hasRole(Connection connection, String role) throws SQLException {
        return bool(connection,
                "pg_has_role(current_user, {0}, 'USAGE') OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)",
                role);
    }

    /** A directory-listing function only superusers and pg_monitor members may call by default. */
    static void requireExecute(Connection connection, String signature, String flag) throws SQLException {
        if (!canExecute(connection, signature)) {
            throw new UnreadableSignalException(flag + " needs " + signature + ", which role " + currentUser(connection)
                    + " may not execute: missing privilege pg_monitor (GRANT pg_monitor TO " + currentUser(connection)
                    + ", or GRANT EXECUTE ON FUNCTION " + signature + " TO it)");
        }
    }

    static String currentUser(Connection connection) throws SQLException {
        return Sql.value(connection, field("quote_ident(current_user)", String.class));
    }

    /** A boolean expression ({@code {0}} is {@code argument}), read once. */
    static boolean bool(Connection connection, String expression, String argument) throws SQLException {
        return Sql.value(connection, field(expression, Boolean.class, val(argument)));
    }
}
