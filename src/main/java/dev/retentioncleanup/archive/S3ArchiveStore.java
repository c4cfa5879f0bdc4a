package dev.retentioncleanup.archive;

import dev.retentioncleanup.config.S3Location;
import dev.retentioncleanup.url.HttpUrl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An archive under an S3 prefix (AWS, or an S3-compatible server at {@code --archive-endpoint}, addressed
 * path-style). A completed PutObject is durable, so {@link #put} needs no temporary key. Credentials come from the
 * SDK's default chain (environment, system properties, profile, web identity, container and instance roles) and
 * never appear in a message.
 */
public final class S3ArchiveStore implements ArchiveStore {
    /** The region an S3-compatible server gets when nothing configures one: most ignore it, but SigV4 needs one. */
    static final Region FALLBACK_REGION = Region.US_EAST_1;

    private final S3Client client;
    private final S3Location location;
    /** The client does not close a provider it was given; null when the caller owns the client's. */
    private final DefaultCredentialsProvider credentials;

    /** Over a client the caller configured (and that this store closes). */
    public S3ArchiveStore(S3Client client, S3Location location) {
        this(client, location, null);
    }

    private S3ArchiveStore(S3Client client, S3Location location, DefaultCredentialsProvider credentials) {
        this.client = client;
        this.location = location;
        this.credentials = credentials;
    }

    /** A client of its own, closed with this store. */
    public static S3ArchiveStore create(S3Location location, HttpUrl endpoint) throws IOException {
        if (endpoint != null && endpoint.credentials().isPresent()) {
            throw new IOException("credentials in the --archive-endpoint URL are not used; give them the AWS"
                    + " way (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile)");
        }
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(region(endpoint));
        if (endpoint != null) {
            builder.endpointOverride(endpoint.uri()).forcePathStyle(true);
        }
        DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        try {
            return new S3ArchiveStore(builder.credentialsProvider(credentials).build(), location, credentials);
        } catch (SdkException e) {
            credentials.close();
            throw new IOException(location + ": cannot make an S3 client: " + firstLine(e.getMessage()), e);
        }
    }

    private static Region region(HttpUrl endpoint) throws IOException {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            if (endpoint != null) {
                return FALLBACK_REGION;
            }
            throw new IOException("no AWS region configured: set AWS_REGION (or a profile's region)", e);
        }
    }

    @Override
    public String location() {
        return location.toString();
    }

    @Override
    public void put(String key, Path file) throws IOException {
        String object = object(key);
        try {
            client.putObject(b -> b.bucket(location.bucket()).key(object), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failure("cannot upload " + file + " to " + uri(object), e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        String object = object(key);
        try {
            return client.getObject(b -> b.bucket(location.bucket()).key(object));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(uri(object));
        } catch (SdkException e) {
            throw failure("cannot read " + uri(object), e);
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        String base = object("");
        try {
            return client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(base + prefix))
                    .contents().stream()
                    .map(S3Object::key)
                    .map(k -> k.substring(base.length()))
                    .sorted()
                    .toList();
        } catch (SdkException e) {
            throw failure("cannot list " + uri(base + prefix), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        String object = object(key);
        try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(object));
        } catch (SdkException e) {
            throw failure("cannot delete " + uri(object), e);
        }
    }

    @Override
    public void checkReadable() throws IOException {
        try {
            client.headBucket(b -> b.bucket(location.bucket()));
        } catch (NoSuchBucketException e) {
            throw noSuchBucket();
        } catch (AwsServiceException e) {
            // HEAD responses have no body: a missing bucket may come as a bare 404.
            if (e.statusCode() == 404) {
                throw noSuchBucket();
            }
            throw failure("cannot access bucket " + location.bucket(), e);
        } catch (SdkException e) {
            throw failure("cannot access bucket " + location.bucket(), e);
        }
    }

    @Override
    public void checkWritable() throws IOException {
        checkReadable();
        String object = object(".probe-" + UUID.randomUUID());
        try {
            client.putObject(b -> b.bucket(location.bucket()).key(object),
                    RequestBody.fromString("retention-cleanup write probe\n"));
            client.deleteObject(b -> b.bucket(location.bucket()).key(object));
        } catch (SdkException e) {
            throw failure(location + " is not writable", e);
        }
    }

    @Override
    public void close() {
        client.close();
        if (credentials != null) {
            credentials.close();
        }
    }

    /** The object key of a store key ("" gives the prefix the store's keys start with). */
    private String object(String key) {
        String checked = key.isEmpty() ? key : ArchiveLayout.checkKey(key);
        return location.prefix().isEmpty() ? checked : location.prefix() + "/" + checked;
    }

    private String uri(String object) {
        return "s3://" + location.bucket() + "/" + object;
    }

    private IOException noSuchBucket() {
        return new IOException("bucket " + location.bucket() + " does not exist (" + location + ")");
    }

    /** One line: what failed, then the service's error code and message, or the client's first line. */
    private static IOException failure(String what, SdkException e) {
        String why;
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String code = s.awsErrorDetails().errorCode();
            String message = s.awsErrorDetails().errorMessage();
            why = "HTTP " + s.statusCode() + (code == null ? "" : " " + code)
                    + (message == null ? "" : ": " + firstLine(message));
        } else {
            why = firstLine(e.getMessage());
        }
        return new IOException(what + ": " + why, e);
    }

    private static String firstLine(String message) {
        return message == null ? "(no message)" : message.lines().findFirst().orElse("");
    }
}
