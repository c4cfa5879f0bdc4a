package dev.retentioncleanup.config;

/** {@code s3://bucket/prefix}: where an archive lives in S3; the prefix is empty or ends without a slash. */
public record S3Location(String bucket, String prefix) {
    public static S3Location parse(String text) {
        if (!text.startsWith("s3://")) {
            throw new IllegalArgumentException("not an s3://bucket/prefix URL");
        }
        String rest = text.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
        // S3's bucket naming rules: 3-63 lowercase letters, digits, dots and hyphens
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("'" + bucket + "' is not a valid S3 bucket name");
        }
        return new S3Location(bucket, prefix);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
