package dev.retentioncleanup.testing;

import org.postgresql.Driver;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.Properties;

/**
 * The PostgreSQL server tests create their databases on: {@code RETENTION_TEST_JDBC_URL} (env) or
 * {@code retention.test.jdbcUrl} (system property, wins) when set; otherwise one Testcontainers
 * container per JVM, started on first use, so Docker is needed only when no URL is given.
 */
final class AdminServer {
    static final String URL_ENV = "RETENTION_TEST_JDBC_URL";
    static final String URL_PROPERTY = "retention.test.jdbcUrl";
    static final String IMAGE_ENV = "RETENTION_TEST_PG_IMAGE";
    static final String DEFAULT_IMAGE = "postgres:17-alpine";

    private AdminServer() {
    }

    /** The admin JDBC URL with user/password as query parameters. */
    static String jdbcUrl() {
        String configured = System.getProperty(URL_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(URL_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return Container.URL;
    }

    /** pgjdbc's own reading of the URL: PGHOST, PGPORT, PGDBNAME, user, password and the other parameters. */
    static Properties parse(String jdbcUrl) {
        Properties props = Driver.parseURL(jdbcUrl, new Properties());
        if (props == null) {
            throw new IllegalStateException("not a pgjdbc URL in " + URL_ENV + "/" + URL_PROPERTY + ": " + jdbcUrl.replaceAll("password=[^&]*", "password=****"));
        }
        return props;
    }

    /** Lazy holder: the class (and the container) is initialised only when no URL is configured. */
    private static final class Container {
        static final String URL;

        static {
            String image = System.getenv().getOrDefault(IMAGE_ENV, DEFAULT_IMAGE);
            PostgreSQLContainer<?> pg = new PostgreSQLContainer<>(
                    DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
            pg.start(); // stopped by Testcontainers' Ryuk when the JVM exits
            URL = pg.getJdbcUrl() + (pg.getJdbcUrl().contains("?") ? "&" : "?")
                    + "user=" + pg.getUsername() + "&password=" + pg.getPassword();
        }
    }
}
