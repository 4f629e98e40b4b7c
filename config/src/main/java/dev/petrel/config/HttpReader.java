package dev.petrel.config;

import com.typesafe.config.ConfigObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Reads {@code petrel.admin.http}, {@code petrel.admin.ready-grace} and {@code petrel.admin.tls}. */
final class HttpReader {
    private HttpReader() {}

    /** The options, or null when any key is wrong (reported). */
    static HttpOptions read(Section admin, ConfigObject defaults) {
        int before = admin.problems.count();
        ListenAddress address = address(admin);
        Duration grace = admin.duration("ready-grace");
        if (grace == null && admin.problems.count() == before) {
            admin.error("ready-grace", "is required: a time like 120s (0s: no start-up wait)");
        }
        HttpOptions.Tls tls = tls(admin, (ConfigObject) defaults.get("tls"));
        HttpOptions.Authorization authorization =
                authorization(admin, (ConfigObject) defaults.get("authorization"), tls);
        if (admin.problems.count() != before) {
            return null;
        }
        if (address != null && !address.address().isLoopbackAddress() && tls == null) {
            admin.error("http", address + " is not a loopback address: the health endpoints are served there only"
                    + " over TLS; set admin.tls.certificate and admin.tls.key, or bind 127.0.0.1 or [::1] (in"
                    + " Kubernetes, probe them with an exec probe: curl 127.0.0.1:9179/readyz)");
            return null;
        }
        return new HttpOptions(address, grace, tls, authorization);
    }

    /** The address, or null for off (and when wrong: the caller tells by the problem count). */
    private static ListenAddress address(Section admin) {
        String text = admin.require("http", "\"addr:port\", or off") ? admin.string("http") : null;
        // HOCON reads an unquoted off or false as a boolean; both mean no HTTP server.
        if (text == null || text.equals("off") || text.equals("false")) {
            return null;
        }
        ListenAddress a = ListenReader.parse(text);
        if (a == null) {
            admin.error("http", "\"" + text + "\" is not \"addr:port\" (IPv4), \"[addr]:port\" (IPv6) with a literal"
                    + " address and a port 1..65535, or off");
        }
        return a;
    }

    /** The TLS files, null when unset (or wrong, reported). */
    private static HttpOptions.Tls tls(Section admin, ConfigObject defaults) {
        Section t = admin.child("tls", defaults);
        if (t == null) {
            return null;
        }
        UnknownKeys.check(t, defaults.keySet());
        int before = t.problems.count();
        Path certificate = file(t, "certificate");
        Path key = file(t, "key");
        Path clientCa = file(t, "client-ca");
        if (t.problems.count() != before) {
            return null;
        }
        if (certificate == null && key == null) {
            if (clientCa != null) {
                t.error("client-ca", "needs certificate and key: mutual TLS is TLS first");
            }
            return null;
        }
        if (certificate == null || key == null) {
            t.error(certificate == null ? "certificate" : "key", "is required with "
                    + (certificate == null ? "key" : "certificate") + ": TLS needs the certificate and its key");
            return null;
        }
        return new HttpOptions.Tls(certificate, key, clientCa);
    }

    /**
     * {@code admin.authorization}: lists of {@code "*"}, {@code "loopback"} or certificate names. A name can only
     * match with mutual TLS, and {@code "*"} in {@code write} without it would let anyone who reaches the port
     * reload and reset sessions: both are errors rather than rules that silently never (or always) match.
     */
    private static HttpOptions.Authorization authorization(Section admin, ConfigObject defaults,
            HttpOptions.Tls tls) {
        Section a = admin.child("authorization", defaults);
        if (a == null) {
            return null;
        }
        UnknownKeys.check(a, defaults.keySet());
        boolean mutual = tls != null && tls.clientCa() != null;
        java.util.List<String> read = entries(a, "read", mutual);
        java.util.List<String> write = entries(a, "write", mutual);
        if (write != null && write.contains(HttpOptions.Authorization.ANY) && !mutual) {
            a.error("write", "\"*\" needs mutual TLS (admin.tls.client-ca): without it, anyone who reaches the port"
                    + " could reload and shut peers down; list \"loopback\" or certificate names instead");
            return null;
        }
        return read == null || write == null ? null : new HttpOptions.Authorization(read, write);
    }

    /** The entries of one list, or null (reported) when one is not a string or names a certificate without mTLS. */
    private static java.util.List<String> entries(Section a, String key, boolean mutual) {
        com.typesafe.config.ConfigList list = a.list(key);
        if (list == null) {
            if (!a.isSet(key)) {
                a.error(key, "is required: a list of \"*\", \"loopback\" or client certificate names ([] for"
                        + " nobody)");
            }
            return null;
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (com.typesafe.config.ConfigValue v : list) {
            if (!(v.unwrapped() instanceof String s) || s.isBlank()) {
                a.error(key, Section.render(v) + " is not an entry: \"*\" (any client), \"loopback\" (a client on"
                        + " 127.0.0.0/8 or ::1) or a client certificate's CN or DNS name");
                return null;
            }
            if (!s.equals(HttpOptions.Authorization.ANY) && !s.equals(HttpOptions.Authorization.LOOPBACK)
                    && !mutual) {
                a.error(key, "\"" + s + "\" is a client certificate name, which needs mutual TLS"
                        + " (admin.tls.client-ca); without it only \"*\" and \"loopback\" can match");
                return null;
            }
            out.add(s);
        }
        return out;
    }

    /** A readable file, or null when unset (or wrong, reported). Its content is read when the server starts. */
    private static Path file(Section t, String key) {
        String text = t.string(key);
        if (text == null) {
            return null;
        }
        Path p = Path.of(text);
        if (!Files.isRegularFile(p)) {
            t.error(key, text + " is not a file" + (Files.exists(p) ? "" : " (it does not exist)"));
            return null;
        }
        if (!Files.isReadable(p)) {
            t.error(key, text + " is not readable by this user");
            return null;
        }
        return p;
    }
}
