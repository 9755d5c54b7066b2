package io.helklab.door.tls;

import io.helklab.Passwords;
import io.helklab.home.OwnerOnly;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door's TLS identity: a self-signed certificate generated into the home on first use and kept
 * there, so browsers that accepted it once keep accepting it.
 *
 * <p>{@code <home>/tls/door.p12} (PKCS #12) holds an EC P-256 key and its certificate, valid for a year and
 * renewed when it expires; {@code door.p12.password} holds the keystore's random password. Both are owner-only,
 * in an owner-only directory. The certificate names {@code localhost}, the loopback addresses, this host's
 * name and, when the door listens on every interface, every address of this machine, so students can reach
 * it by whatever address the teacher writes on the board. BouncyCastle builds the certificate (the JDK has
 * no public API for that); signing and the keystore are the JDK's own. Not thread-safe; call once at start.
 */
public final class DoorCertificate {
    private static final Logger LOG = LoggerFactory.getLogger(DoorCertificate.class);
    private static final String ALIAS = "helk-lab-door";
    private static final Duration VALIDITY = Duration.ofDays(365);

    private final KeyStore keyStore;
    private final char[] password;
    private final X509Certificate certificate;

    private DoorCertificate(KeyStore keyStore, char[] password, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.password = password;
        this.certificate = certificate;
    }

    /**
     * The certificate in {@code directory}, created there first when missing or expired.
     *
     * @param bindAddress where the door listens; decides which addresses the certificate names
     */
    public static DoorCertificate loadOrCreate(Path directory, String bindAddress) {
        Path store = directory.resolve("door.p12");
        Path passwordFile = directory.resolve("door.p12.password");
        try {
            OwnerOnly.createDirectories(directory);
            if (Files.isRegularFile(store) && Files.isRegularFile(passwordFile)) {
                DoorCertificate existing = load(store, passwordFile);
                if (existing.certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(1)))) {
                    return existing;
                }
                LOG.info("The front door's certificate in {} expires {}; generating a new one", store,
                        existing.certificate.getNotAfter().toInstant());
            }
            return create(store, passwordFile, bindAddress);
        } catch (IOException | GeneralSecurityException | OperatorCreationException failure) {
            throw new IllegalStateException("Could not set up the front door's TLS certificate in " + directory + ": "
                    + failure + ". Delete that directory to generate a new one, or start without --tls.", failure);
        }
    }

    private static DoorCertificate load(Path store, Path passwordFile) throws IOException, GeneralSecurityException {
        char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim().toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream input = Files.newInputStream(store)) {
            keyStore.load(input, password);
        }
        return new DoorCertificate(keyStore, password, (X509Certificate) keyStore.getCertificate(ALIAS));
    }

    private static DoorCertificate create(Path store, Path passwordFile, String bindAddress)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=HELK lab front door, O=HELK lab");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(128, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(bindAddress));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));

        char[] password = Passwords.generate(32).toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(ALIAS, keys.getPrivate(), password, new X509Certificate[] {certificate});
        writeOwnerOnly(passwordFile, out -> out.write(new String(password).getBytes(StandardCharsets.UTF_8)));
        writeOwnerOnly(store, out -> keyStore.store(out, password));
        LOG.info("Generated the front door's self-signed certificate {} (SHA-256 {})", store, fingerprint(certificate));
        return new DoorCertificate(keyStore, password, certificate);
    }

    private static GeneralNames subjectAlternativeNames(String bindAddress) {
        Set<GeneralName> names = new LinkedHashSet<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        names.add(new GeneralName(GeneralName.iPAddress, "::1"));
        try {
            names.add(new GeneralName(GeneralName.dNSName, InetAddress.getLocalHost().getHostName()));
        } catch (UnknownHostException unnamed) {
            // no host name: addresses only
        }
        for (String address : addressesFor(bindAddress)) {
            names.add(new GeneralName(GeneralName.iPAddress, address));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static List<String> addressesFor(String bindAddress) {
        List<String> addresses = new ArrayList<>();
        if (!bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
            addresses.add(bindAddress);
            return addresses;
        }
        try {
            for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
                    if (!address.isLinkLocalAddress()) {
                        addresses.add(address.getHostAddress().replaceAll("%.*$", ""));
                    }
                }
            }
        } catch (SocketException unreadable) {
            LOG.warn("Could not list this machine's addresses for the certificate: {}", unreadable.toString());
        }
        return addresses;
    }

    private interface Writer {
        void write(OutputStream out) throws IOException, GeneralSecurityException;
    }

    private static void writeOwnerOnly(Path file, Writer writer) throws IOException, GeneralSecurityException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (OutputStream out = Files.newOutputStream(partial)) {
            writer.write(out);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A server-side TLS context with this certificate. */
    public SSLContext sslContext() {
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException("Could not build a TLS context from the front door's certificate: " + failure,
                    failure);
        }
    }

    /** The certificate, e.g. for a client that trusts exactly it. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate's SHA-256 fingerprint ({@code AB:CD:...}), which users compare with what their browser shows. */
    public String fingerprint() {
        return fingerprint(certificate);
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
