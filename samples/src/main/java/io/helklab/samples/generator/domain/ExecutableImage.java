package io.helklab.samples.generator.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * An executable or library file as Sysmon describes it: path, version resource, signature and hashes.
 * The hashes are digests of a made-up seed, so they have the right shape without being any real
 * file's hash. Immutable value.
 */
public record ExecutableImage(String path, String fileVersion, String description, String product, String company,
                              String originalFileName, boolean signed, String signature) {

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    public ExecutableImage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fileVersion, "fileVersion");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(originalFileName, "originalFileName");
        Objects.requireNonNull(signature, "signature");
    }

    /** A file without a version resource or signature, the way Sysmon shows most droppers. */
    public static ExecutableImage unsigned(String path) {
        return new ExecutableImage(path, "-", "-", "-", "-", "-", false, "-");
    }

    /** The file name without its directory, {@code powershell.exe}. */
    public String fileName() {
        return path.substring(path.lastIndexOf('\\') + 1);
    }

    /** {@code SHA1=…,MD5=…,SHA256=…,IMPHASH=…} as Sysmon's {@code Hashes} field. */
    public String hashes() {
        String seed = "helk-lab:" + path.toLowerCase(Locale.ROOT) + ":" + fileVersion;
        return "SHA1=" + digest("SHA-1", seed) + ",MD5=" + digest("MD5", seed) + ",SHA256=" + digest("SHA-256", seed)
                + ",IMPHASH=" + digest("MD5", "imphash:" + seed);
    }

    public String signatureStatus() {
        return signed ? "Valid" : "Unavailable";
    }

    private static String digest(String algorithm, String seed) {
        try {
            return UPPER_HEX.formatHex(MessageDigest.getInstance(algorithm).digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("This JVM lacks the " + algorithm + " digest every Java platform must provide", missing);
        }
    }
}
