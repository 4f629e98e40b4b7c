package dev.petrel.config;

import java.time.Duration;

/** Reads {@code petrel.admin.http} and {@code petrel.admin.ready-grace}. */
final class HttpReader {
    private HttpReader() {}

    /** The options, or null when either key is wrong (reported). */
    static HttpOptions read(Section admin) {
        int before = admin.problems.count();
        ListenAddress address = address(admin);
        Duration grace = admin.duration("ready-grace");
        if (grace == null && admin.problems.count() == before) {
            admin.error("ready-grace", "is required: a time like 120s (0s: no start-up wait)");
        }
        if (admin.problems.count() != before) {
            return null;
        }
        return new HttpOptions(address, grace);
    }

    /** The address, or null for off (and when wrong: the caller tells by the problem count). */
    private static ListenAddress address(Section admin) {
        String text = admin.require("http", "\"addr:port\" on a loopback address, or off") ? admin.string("http")
                : null;
        // HOCON reads an unquoted off or false as a boolean; both mean no HTTP server.
        if (text == null || text.equals("off") || text.equals("false")) {
            return null;
        }
        ListenAddress a = ListenReader.parse(text);
        if (a == null) {
            admin.error("http", "\"" + text + "\" is not \"addr:port\" (IPv4), \"[addr]:port\" (IPv6) with a literal"
                    + " address and a port 1..65535, or off");
            return null;
        }
        if (!a.address().isLoopbackAddress()) {
            admin.error("http", a + " is not a loopback address: the health endpoints are served without TLS, so"
                    + " only on 127.0.0.1 or [::1] for now (TLS for other addresses comes with issue 7);"
                    + " in Kubernetes, probe them with an exec probe (curl 127.0.0.1:9179/readyz)");
            return null;
        }
        return a;
    }
}
