package dev.retentioncleanup.cli;

import picocli.CommandLine.Option;

/**
 * Connection options. Values are read back generically from the parse result (see {@link OptionValues});
 * the fields only declare the options for picocli's parser and help.
 */
final class ConnectionOptions {
    @Option(names = "--db-url", paramLabel = "URL", order = 10,
            description = "jdbc:postgresql://… or postgres://user@host:port/db?sslmode=… "
                    + "(env RETENTION_DB_URL, then DATABASE_URL).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "NAME", order = 11,
            description = "Role to connect as (env RETENTION_DB_USER, then PGUSER).")
    String dbUser;

    @Option(names = "--db-password-file", paramLabel = "FILE", order = 12,
            description = "File holding the password. Otherwise env RETENTION_DB_PASSWORD, then PGPASSWORD; "
                    + "never a flag, so it cannot show in ps.")
    String dbPasswordFile;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", order = 13,
            description = "Give up connecting after this long. Default: ${DEFAULT-VALUE}.")
    String connectTimeout;
}
