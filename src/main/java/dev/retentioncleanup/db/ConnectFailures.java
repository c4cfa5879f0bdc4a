package dev.retentioncleanup.db;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import javax.net.ssl.SSLException;

/** Reduces a failed login to the one reason an operator can act on. */
final class ConnectFailures {
    private ConnectFailures() {
    }

    static DatabaseUnavailableException describe(ConnectionSettings settings, Throwable failure) {
        DbTarget target = JdbcUrls.normalize(settings.url());
        String reason = reason(failure);
        if (settings.password() != null && settings.password().length() >= 4) {
            reason = reason.replace(settings.password(), "****"); // never expected, but never printed either
        }
        return new DatabaseUnavailableException("cannot connect to PostgreSQL at " + target.describe()
                + " as " + settings.effectiveUser() + ": " + reason, failure);
    }

    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                ServerErrorMessage m = p.getServerErrorMessage();
                return m.getSeverity() + ": " + m.getMessage();
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out (" + t.getMessage() + ")";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return t.getMessage();
            }
            if (t instanceof SSLException) {
                return "TLS: " + t.getMessage();
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                return firstLine(t.getMessage());
            }
        }
        return firstLine(String.valueOf(failure));
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
