package dev.petrel.config;

import static dev.petrel.config.Configs.text;
import static dev.petrel.config.Configs.topError;
import static dev.petrel.config.Configs.valid;
import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code admin.http} and {@code admin.ready-grace}: the HTTP health endpoints. */
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
    void aNonLoopbackAddressIsRefusedUntilTlsExists() {
        topError("admin.http = \"0.0.0.0:9179\"", "petrel.admin.http",
                "0.0.0.0:9179 is not a loopback address: the health endpoints are served without TLS");
        topError("admin.http = \"10.255.0.10:9179\"", "petrel.admin.http", "TLS for other addresses comes with issue 7");
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
}
