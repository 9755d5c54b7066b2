package io.helklab.launcher;

import io.helklab.config.HelkLabConfig;
import io.helklab.door.FrontDoor;
import io.helklab.door.tls.DoorCertificate;

/** {@code --tls}: the front door serves HTTPS with the home's self-signed certificate, and says how to trust it. */
final class DoorTls {
    private DoorTls() {}

    static void configure(FrontDoor door, boolean tls, HelkLabConfig config, Console console) {
        if (!tls) {
            return;
        }
        DoorCertificate certificate = DoorCertificate.loadOrCreate(config.home().resolve("tls"), config.bindAddress());
        door.withTls(certificate.sslContext());
        console.line("HTTPS with the self-signed certificate in %s; browsers warn once, compare its SHA-256 with",
                config.home().resolve("tls"));
        console.line("  %s", certificate.fingerprint());
        console.line("");
    }
}
