package io.helklab.door;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.door.tls.DoorCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tls}: the door serves HTTPS with a self-signed certificate kept, owner-only, in the home. */
class DoorTlsIT {

    @Test
    void theDoorServesHttpsWithACertificateKeptOwnerOnlyInTheHome(@TempDir Path home) throws Exception {
        Path directory = home.resolve("tls");
        DoorCertificate certificate = DoorCertificate.loadOrCreate(directory, "127.0.0.1");
        FrontDoor door = new FrontDoor("127.0.0.1", 0, Map::of).withTls(certificate.sslContext());
        door.start();
        try {
            assertThat(door.url()).startsWith("https://127.0.0.1:");
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
            HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(URI.create(door.url() + "api/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"http\"");

            HttpClient ordinary = HttpClient.newHttpClient();
            try {
                ordinary.send(HttpRequest.newBuilder(URI.create(door.url())).build(), HttpResponse.BodyHandlers.ofString());
                org.assertj.core.api.Assertions.fail("a client that does not trust the certificate must refuse it");
            } catch (SSLHandshakeException refused) {
                assertThat(refused).hasMessageContaining("PKIX");
            }
        } finally {
            door.close();
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        try (var files = Files.list(directory)) {
            assertThat(files.toList()).hasSize(2).allSatisfy(file -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------"));
        }
        assertThat(DoorCertificate.loadOrCreate(directory, "127.0.0.1").fingerprint())
                .as("the next start keeps the certificate browsers accepted").isEqualTo(certificate.fingerprint());
    }

    private static SSLContext trusting(DoorCertificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("door", certificate.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
