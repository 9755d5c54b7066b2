package io.helklab.service;

import java.util.Locale;

/** The status a service reports in {@code /api/health}. */
public enum ServiceStatus {
    STARTING,
    UP,
    DOWN,
    NOT_INSTALLED;

    /** The wire form: lower case with spaces, e.g. {@code "not installed"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
