package io.helklab.elasticsearch;

import io.helklab.config.ExternalElasticsearchConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How to reach an attached Elasticsearch cluster over HTTP: its URLs, the {@code Authorization} header and the
 * TLS trust its CA file asks for.
 *
 * <p>While the appliance is attached, the connection is {@linkplain #register registered} under each of its URLs,
 * so every HTTP client in this JVM that is built from {@code HelkLab.elasticsearchUrl()} (the samples, the hunt UI,
 * the fixture) authenticates without carrying the secrets itself. Immutable and thread-safe.
 */
public final class ElasticsearchConnection {
    private static final Map<String, ElasticsearchConnection> REGISTERED = new ConcurrentHashMap<>();

    private final List<String> urls;
    private final String authorization;
    private final SSLContext sslContext;

    private ElasticsearchConnection(List<String> urls, String authorization, SSLContext sslContext) {
        this.urls = urls;
        this.authorization = authorization;
        this.sslContext = sslContext;
    }

    /**
     * The connection a configuration describes.
     *
     * @throws IllegalArgumentException if the CA file cannot be read or holds no certificate, naming the flag
     */
    public static ElasticsearchConnection of(ExternalElasticsearchConfig config) {
        List<String> urls = config.urls().stream().map(ElasticsearchConnection::withoutTrailingSlash).toList();
        String authorization = null;
        if (config.user() != null) {
            authorization = "Basic " + Base64.getEncoder().encodeToString(
                    (config.user() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
        } else if (config.apiKey() != null) {
            String key = config.apiKey();
            // The create-API-key call returns an id and a key; the header wants base64(id:key).
            authorization = "ApiKey " + (key.contains(":")
                    ? Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) : key);
        }
        SSLContext ssl = config.certificateAuthority() == null ? null : trusting(config);
        return new ElasticsearchConnection(urls, authorization, ssl);
    }

    private static String withoutTrailingSlash(URI url) {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static SSLContext trusting(ExternalElasticsearchConfig config) {
        try (InputStream in = Files.newInputStream(config.certificateAuthority())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int count = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + count++, certificate);
            }
            if (count == 0) {
                throw new IllegalArgumentException("--elasticsearch-ca " + config.certificateAuthority()
                        + " holds no certificate; give the PEM file of the CA that signed the cluster's HTTP certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException unreadable) {
            throw new IllegalArgumentException("--elasticsearch-ca " + config.certificateAuthority() + " cannot be read as a "
                    + "PEM certificate (" + unreadable.getMessage() + "); give the CA file the cluster's HTTP certificate "
                    + "was signed with (for Elasticsearch 8: config/certs/http_ca.crt)", unreadable);
        }
    }

    /** Makes this connection the one for its URLs in this JVM, until {@link #unregister()}. */
    public void register() {
        urls.forEach(url -> REGISTERED.put(url, this));
    }

    /** Forgets this connection's URLs. */
    public void unregister() {
        urls.forEach(url -> REGISTERED.remove(url, this));
    }

    /** The registered connection whose URL this is (trailing slash ignored), if any. */
    public static Optional<ElasticsearchConnection> registered(String url) {
        return Optional.ofNullable(REGISTERED.get(url.endsWith("/") ? url.substring(0, url.length() - 1) : url));
    }

    /** The cluster's URLs, without trailing slashes, in the order they were given. */
    public List<String> urls() {
        return urls;
    }

    /** An HTTP client that trusts the cluster's CA (the JVM's trust store without one). */
    public HttpClient newHttpClient(Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        return builder.build();
    }

    /** Adds the credentials, if any, to a request. */
    public HttpRequest.Builder authenticate(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    /**
     * The {@code Authorization} header's value, for clients that cannot use {@link #authenticate} (the ES-Spark
     * connector takes it as {@code es.net.http.header.Authorization}); empty without credentials.
     */
    public Optional<String> authorizationHeader() {
        return Optional.ofNullable(authorization);
    }

    /** Whether requests carry credentials. */
    public boolean authenticated() {
        return authorization != null;
    }

    @Override
    public String toString() {
        return "ElasticsearchConnection" + urls + (authorization == null ? "" : " (authenticated)");
    }
}
