package dev.petrel.config;

import static dev.petrel.config.Configs.text;
import static dev.petrel.config.Configs.topError;
import static dev.petrel.config.Configs.valid;
import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin.http}, {@code admin.ready-grace} and {@code admin.tls}: the HTTP health endpoints. */
class HttpConfigTest {
    @Test
    void defaultsAreLoopback9179AndTwoMinutes() throws Exception {
        HttpOptions h = valid(text("", "")).http();
        assertTrue(h.enabled());
        assertEquals(new ListenAddress(InetAddress.getByName("127.0.0.1"), 9179), h.address());
        assertEquals(Duration.ofSeconds(120), h.readyGrace());
        assertEquals(HttpOptions.DEFAULT, h, "the default in code must match reference.conf");
    }

    @Test
    void offDisablesTheServer() {
        assertFalse(valid(text("admin.http = off", "")).http().enabled());
        assertFalse(valid(text("admin.http = \"off\"", "")).http().enabled());
        assertFalse(valid(text("admin.http = false", "")).http().enabled());
    }

    @Test
    void anotherLoopbackAddressAndGrace() throws Exception {
        HttpOptions h = valid(text("admin { http = \"[::1]:19179\", ready-grace = 0s }", "")).http();
        assertEquals(new ListenAddress(InetAddress.getByName("::1"), 19179), h.address());
        assertEquals(Duration.ZERO, h.readyGrace());
        assertEquals(9999, valid(text("admin.http = \"127.0.0.2:9999\"", "")).http().address().port());
    }

    @Test
    void aNonLoopbackAddressNeedsTls() {
        topError("admin.http = \"0.0.0.0:9179\"", "petrel.admin.http",
                "0.0.0.0:9179 is not a loopback address: the health endpoints are served there only over TLS;"
                        + " set admin.tls.certificate and admin.tls.key");
        topError("admin.http = \"10.255.0.10:9179\"", "petrel.admin.http", "or bind 127.0.0.1 or [::1]");
    }

    @Test
    void tlsFilesMakeAnyAddressAllowed(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("tls.crt"), "x");
        Path key = Files.writeString(dir.resolve("tls.key"), "x");
        Path ca = Files.writeString(dir.resolve("ca.crt"), "x");
        HttpOptions h = valid(text("admin { http = \"0.0.0.0:9443\", tls { certificate = \"" + cert + "\", key = \""
                + key + "\" } }", "")).http();
        assertEquals(new HttpOptions.Tls(cert, key, null), h.tls());
        h = valid(text("admin.tls { certificate = \"" + cert + "\", key = \"" + key + "\", client-ca = \"" + ca
                + "\" }", "")).http();
        assertEquals(ca, h.tls().clientCa(), "TLS on loopback, with mutual TLS");
        assertNull(valid(text("", "")).http().tls(), "plain HTTP by default");
    }

    @Test
    void tlsNeedsBothFilesAndThemReadable(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("tls.crt"), "x");
        topError("admin.tls.certificate = \"" + cert + "\"", "petrel.admin.tls.key",
                "is required with certificate: TLS needs the certificate and its key");
        topError("admin.tls.client-ca = \"" + cert + "\"", "petrel.admin.tls.client-ca",
                "needs certificate and key: mutual TLS is TLS first");
        topError("admin.tls { certificate = \"" + cert + "\", key = \"" + dir.resolve("nope.key") + "\" }",
                "petrel.admin.tls.key", "nope.key is not a file (it does not exist)");
        topError("admin.tls { certificate = \"" + dir + "\", key = \"" + cert + "\" }",
                "petrel.admin.tls.certificate", "is not a file");
        topError("admin.tls.cert = x", "petrel.admin.tls.cert", "unknown key");
    }

    @Test
    void badValues() {
        topError("admin.http = \"localhost:9179\"", "petrel.admin.http", "is not \"addr:port\"");
        topError("admin.http = \"127.0.0.1:0\"", "petrel.admin.http", "port 1..65535, or off");
        topError("admin.http = null", "petrel.admin.http", "is required");
        topError("admin.ready-grace = 120", "petrel.admin.ready-grace", "needs a unit");
        topError("admin.ready-grace = -1s", "petrel.admin.ready-grace", "must not be negative");
        topError("admin.ready-grace = null", "petrel.admin.ready-grace", "is required");
        topError("admin.readygrace = 1s", "petrel.admin.readygrace", "unknown key");
    }

    @Test
    void authorizationDefaultsToReadForAnyoneWriteForNobody() {
        HttpOptions.Authorization a = valid(text("", "")).http().authorization();
        assertEquals(java.util.List.of("*"), a.read());
        assertEquals(java.util.List.of(), a.write());
        assertEquals(HttpOptions.Authorization.DEFAULT, a);
        assertEquals(java.util.List.of("loopback"),
                valid(text("admin.authorization.write = [loopback]", "")).http().authorization().write());
    }

    @Test
    void certificateNamesAndStarInWriteNeedMutualTls(@TempDir Path dir) throws Exception {
        topError("admin.authorization.write = [\"*\"]", "petrel.admin.authorization.write",
                "\"*\" needs mutual TLS (admin.tls.client-ca)");
        topError("admin.authorization.read = [prometheus]", "petrel.admin.authorization.read",
                "\"prometheus\" is a client certificate name, which needs mutual TLS");
        topError("admin.authorization.write = [1]", "petrel.admin.authorization.write", "1 is not an entry");
        topError("admin.authorization.write = loopback", "petrel.admin.authorization.write", "must be a list");
        topError("admin.authorization.admin = []", "petrel.admin.authorization.admin", "unknown key");
        Path cert = Files.writeString(dir.resolve("tls.crt"), "x");
        Path key = Files.writeString(dir.resolve("tls.key"), "x");
        Path ca = Files.writeString(dir.resolve("ca.crt"), "x");
        HttpOptions h = valid(text("admin { tls { certificate = \"" + cert + "\", key = \"" + key
                + "\", client-ca = \"" + ca + "\" }, authorization { read = [\"*\"], write = [operator, loopback] } }",
                "")).http();
        assertEquals(java.util.List.of("operator", "loopback"), h.authorization().write());
    }
}
