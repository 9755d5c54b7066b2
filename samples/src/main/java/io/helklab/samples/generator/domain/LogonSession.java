package io.helklab.samples.generator.domain;

import java.util.Objects;

/**
 * A logon session on one host: who, the logon id Windows assigned (written as hex such as {@code 0x3e7}),
 * the Sysmon logon GUID, the terminal session and the logon type of the Security log. Immutable value.
 */
public record LogonSession(Account account, long logonId, String logonGuid, int terminalSessionId, int logonType,
                           String integrityLevel) {

    public static final long SYSTEM_LOGON_ID = 0x3e7;
    public static final long LOCAL_SERVICE_LOGON_ID = 0x3e5;
    public static final long NETWORK_SERVICE_LOGON_ID = 0x3e4;

    public LogonSession {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(logonGuid, "logonGuid");
        Objects.requireNonNull(integrityLevel, "integrityLevel");
    }

    /** {@code 0x3e7}: the way Sysmon and the Security log write logon ids. */
    public String logonIdHex() {
        return "0x" + Long.toHexString(logonId);
    }
}
