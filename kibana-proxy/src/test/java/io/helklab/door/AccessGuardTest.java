package io.helklab.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import org.junit.jupiter.api.Test;

class AccessGuardTest {
    private static HttpServerExchange request(HttpString method, String... headers) {
        HttpServerExchange exchange = new HttpServerExchange(null);
        exchange.setRequestMethod(method);
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getRequestHeaders().put(new HttpString(headers[i]), headers[i + 1]);
        }
        return exchange;
    }

    @Test
    void loginIsRequiredExactlyWhenTheBindAddressIsNotLoopback() {
        assertThat(AccessGuard.requiresLogin("127.0.0.1")).isFalse();
        assertThat(AccessGuard.requiresLogin("127.0.0.2")).isFalse();
        assertThat(AccessGuard.requiresLogin("::1")).isFalse();
        assertThat(AccessGuard.requiresLogin("0.0.0.0")).isTrue();
        assertThat(AccessGuard.requiresLogin("::")).isTrue();
        assertThat(AccessGuard.requiresLogin("192.168.1.20")).isTrue();
    }

    @Test
    void aDoorOthersCanReachNeedsAPassword() {
        assertThatThrownBy(() -> new AccessGuard("0.0.0.0", null, exchange -> { }))
                .hasMessageContaining("0.0.0.0").hasMessageContaining("password");
    }

    @Test
    void passwordsMustMatchExactly() {
        AccessGuard guard = new AccessGuard("0.0.0.0", "correct horse", exchange -> { });

        assertThat(guard.passwordMatches("correct horse")).isTrue();
        assertThat(guard.passwordMatches("correct hors")).isFalse();
        assertThat(guard.passwordMatches("correct horse ")).isFalse();
        assertThat(guard.passwordMatches("")).isFalse();
    }

    @Test
    void sameOriginAndOriginlessRequestsPass() {
        assertThat(AccessGuard.crossOrigin(request(Methods.POST, "Host", "127.0.0.1:8080", "Origin", "http://127.0.0.1:8080"))).isFalse();
        assertThat(AccessGuard.crossOrigin(request(Methods.POST, "Host", "lab.example:80", "Origin", "http://lab.example"))).isFalse();
        assertThat(AccessGuard.crossOrigin(request(Methods.POST, "Host", "127.0.0.1:8080"))).isFalse();
        assertThat(AccessGuard.crossOrigin(request(Methods.GET, "Host", "127.0.0.1:8080", "Origin", "http://evil.example"))).isFalse();
    }

    @Test
    void crossOriginStateChangesAndUpgradesAreCaught() {
        assertThat(AccessGuard.crossOrigin(request(Methods.POST, "Host", "127.0.0.1:8080", "Origin", "http://evil.example"))).isTrue();
        assertThat(AccessGuard.crossOrigin(request(Methods.DELETE, "Host", "127.0.0.1:8080", "Origin", "http://127.0.0.1:9999"))).isTrue();
        assertThat(AccessGuard.crossOrigin(request(Methods.GET, "Host", "127.0.0.1:8080", "Upgrade", "websocket",
                "Origin", "http://evil.example"))).isTrue();
        assertThat(AccessGuard.crossOrigin(request(Methods.POST, "Host", "127.0.0.1:8080", "Origin", "null"))).isTrue();
        assertThat(AccessGuard.crossOrigin(request(Methods.PUT, "Host", "127.0.0.1:8080", "Sec-Fetch-Site", "cross-site"))).isTrue();
    }

    @Test
    void theLoginFormOnlyRedirectsWithinTheDoor() {
        assertThat(AccessGuard.safeNext("/jupyter/tree?x=1")).isEqualTo("/jupyter/tree?x=1");
        assertThat(AccessGuard.safeNext("//evil.example/")).isEqualTo("/");
        assertThat(AccessGuard.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(AccessGuard.safeNext("/\\evil.example")).isEqualTo("/");
        assertThat(AccessGuard.safeNext("/a\r\nSet-Cookie: x")).isEqualTo("/");
        assertThat(AccessGuard.safeNext(null)).isEqualTo("/");
    }

    @Test
    void onLoopbackOnlyLoopbackHostNamesAreServedAgainstDnsRebinding() {
        assertThat(AccessGuard.loopbackHost("127.0.0.1:8080")).isTrue();
        assertThat(AccessGuard.loopbackHost("localhost:8080")).isTrue();
        assertThat(AccessGuard.loopbackHost("LOCALHOST")).isTrue();
        assertThat(AccessGuard.loopbackHost("[::1]:8080")).isTrue();
        assertThat(AccessGuard.loopbackHost("rebind.evil.example:8080")).isFalse();
        assertThat(AccessGuard.loopbackHost("127.0.0.1.evil.example")).isFalse();
        assertThat(AccessGuard.loopbackHost(null)).isFalse();
    }
}
