package dev.retentioncleanup.archive;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retentioncleanup.config.S3Location;
import dev.retentioncleanup.url.HttpUrl;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What S3ArchiveStore decides before it talks to a server; the rest is S3ArchiveStoreIT, against S3Proxy. */
class S3ArchiveStoreTest {
    @Test
    void credentialsInTheEndpointUrlAreRefusedWithoutBeingQuoted() {
        assertThatThrownBy(() -> S3ArchiveStore.create(S3Location.parse("s3://bucket/p"),
                HttpUrl.parse("http://minio:s3cr3t-value@127.0.0.1:9000")))
                .isInstanceOf(IOException.class)
                .hasMessage("credentials in the --archive-endpoint URL are not used; give them the AWS way"
                        + " (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile)");
    }
}
