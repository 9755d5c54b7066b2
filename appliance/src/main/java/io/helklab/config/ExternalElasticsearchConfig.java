package io.helklab.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An existing Elasticsearch cluster the appliance attaches to instead of starting its own node.
 *
 * <p>At most one way to authenticate: a user with a password, or an API key ({@code id:key} or its base64 form, as
 * Elasticsearch's create-API-key call returns it). The secrets never appear in {@link #toString()}.
 *
 * @param urls                 one or more {@code http(s)://host:port} of the cluster's nodes; requests go to the first
 *                             that answers
 * @param user                 basic-authentication user, or {@code null}
 * @param password             that user's password, or {@code null}
 * @param apiKey               an API key, or {@code null}
 * @param certificateAuthority a PEM file of the CA that signed the cluster's HTTP certificate, or {@code null} for
 *                             the JVM's trust store
 */
public record ExternalElasticsearchConfig(List<URI> urls, String user, String password, String apiKey,
                                          Path certificateAuthority) {

    public ExternalElasticsearchConfig {
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("--elasticsearch needs at least one URL such as http://es1:9200");
        }
        for (URI url : urls) {
            String scheme = url.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new IllegalArgumentException("--elasticsearch takes URLs such as http://es1:9200 or https://es1:9200, got '"
                        + url + "'");
            }
            if (url.getUserInfo() != null) {
                throw new IllegalArgumentException("--elasticsearch " + url.getHost() + ": put no credentials in the URL; "
                        + "use --elasticsearch-user with --elasticsearch-password-file, or --elasticsearch-api-key-file");
            }
        }
        if (user != null && password == null) {
            throw new IllegalArgumentException("--elasticsearch-user " + user + " needs a password: pass "
                    + "--elasticsearch-password-file FILE or set " + ELASTICSEARCH_PASSWORD_VARIABLE);
        }
        if (user == null && password != null) {
            throw new IllegalArgumentException("an Elasticsearch password was given without --elasticsearch-user");
        }
        if (user != null && apiKey != null) {
            throw new IllegalArgumentException("pass either --elasticsearch-user or --elasticsearch-api-key-file, not both");
        }
    }

    /** The environment variable that may hold the password of {@code --elasticsearch-user}. */
    public static final String ELASTICSEARCH_PASSWORD_VARIABLE = "HELK_LAB_ELASTICSEARCH_PASSWORD";

    /** A cluster without authentication at these URLs. */
    public static ExternalElasticsearchConfig at(List<URI> urls) {
        return new ExternalElasticsearchConfig(urls, null, null, null, null);
    }

    public ExternalElasticsearchConfig withBasicAuthentication(String newUser, String newPassword) {
        return new ExternalElasticsearchConfig(urls, newUser, newPassword, apiKey, certificateAuthority);
    }

    public ExternalElasticsearchConfig withApiKey(String key) {
        return new ExternalElasticsearchConfig(urls, user, password, key, certificateAuthority);
    }

    public ExternalElasticsearchConfig withCertificateAuthority(Path file) {
        return new ExternalElasticsearchConfig(urls, user, password, apiKey, file);
    }

    @Override
    public String toString() {
        return "ExternalElasticsearchConfig[urls=" + urls + ", user=" + user + ", password=" + (password == null ? null : "***")
                + ", apiKey=" + (apiKey == null ? null : "***") + ", certificateAuthority=" + certificateAuthority + "]";
    }
}
