package io.helklab.launcher;

import io.helklab.config.HelkLabConfig;
import io.helklab.door.tls.DoorCertificate;
import javax.net.ssl.SSLContext;

/** {@code --tls}: the front door serves HTTPS with the home's self-signed certificate, and says how to trust it. */
final class DoorTls {
    private DoorTls() {}

    /** The door's TLS context when {@code tls} is set (printing the certificate's fingerprint), else {@code null}. */
    static SSLContext context(boolean tls, HelkLabConfig config, Console console) {
        if (!tls) {
            return null;
        }
        DoorCertificate certificate = DoorCertificate.loadOrCreate(config.home().resolve("tls"), config.bindAddress());
        console.line("HTTPS with the self-signed certificate in %s; browsers warn once, compare its SHA-256 with",
                config.home().resolve("tls"));
        console.line("  %s", certificate.fingerprint());
        console.line("");
        return certificate.sslContext();
    }
}
