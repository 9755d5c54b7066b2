package io.helklab.detection.ioc;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.detection.MapEvent;
import org.junit.jupiter.api.Test;

/** Indicator lists: every kind of indicator, one per line or as CSV, matched against the fields that carry it. */
class IocListTest {
    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private static final String SHA256 = "a".repeat(64);

    private static final IocList LIST = IocList.parse("bad.csv", """
            # indicators from last week's incident
            indicator,type,description
            %s,md5,dropper
            "%s",sha256,"implant, packed"
            203.0.113.7,ipv4,c2
            198.51.100.0/24,cidr,c2 range
            2001:db8::/32,cidr,v6 range
            evil.example.com,domain,c2 name
            """.formatted(MD5.toUpperCase(), SHA256));

    @Test
    void readsEveryKindAndSkipsWhatIsNoIndicator() {
        assertThat(LIST.size()).isEqualTo(6);
        assertThat(LIST.skipped()).isPositive();
        assertThat(LIST.name()).isEqualTo("bad.csv");
    }

    @Test
    void matchesHashesAddressesNetworksAndDomainsWithTheirSubdomains() {
        assertThat(LIST.matches(MapEvent.sysmon(1).with("Hashes", "SHA1=00,MD5=" + MD5.toUpperCase() + ",IMPHASH=11")))
                .containsExactly(MD5);
        assertThat(LIST.matches(MapEvent.sysmon(7).with("Hashes", "SHA256=" + SHA256.toUpperCase())))
                .containsExactly(SHA256);
        assertThat(LIST.matches(MapEvent.sysmon(3).with("DestinationIp", "203.0.113.7"))).containsExactly("203.0.113.7");
        assertThat(LIST.matches(MapEvent.sysmon(3).with("DestinationIp", "198.51.100.99")))
                .containsExactly("198.51.100.0/24");
        assertThat(LIST.matches(MapEvent.sysmon(3).with("SourceIp", "2001:db8::1"))).containsExactly("2001:db8::/32");
        assertThat(LIST.matches(MapEvent.sysmon(22).with("QueryName", "cdn.Evil.Example.com")))
                .containsExactly("evil.example.com");
        assertThat(LIST.matches(MapEvent.sysmon(22).with("QueryName", "notevil.example.com"))).isEmpty();
        assertThat(LIST.matches(MapEvent.sysmon(3).with("DestinationIp", "203.0.113.8"))).isEmpty();
    }
}
