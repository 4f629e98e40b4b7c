package dev.petrel.daemon.health;

import static dev.petrel.daemon.health.TestPki.client;
import static dev.petrel.daemon.health.TestPki.issue;
import static dev.petrel.daemon.health.TestPki.keys;
import static dev.petrel.daemon.health.TestPki.pem;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.config.HttpOptions;
import dev.petrel.daemon.health.TestPki.Issued;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renewed certificate serves new connections; a broken renewal (a corrupt file, a key that is not the
 * certificate's) keeps the previous one serving.
 */
class ReloadingTlsTest {
    @TempDir
    Path dir;

    private static int get(HttpClient c, int port) throws Exception {
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                + SpeakerHealth.LIVEZ)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    /** A CA and a server certificate it signed, written as tls.crt and tls.key (PKCS#8). */
    private record Start(Issued ca, HttpOptions.Tls files) {}

    private Start start(String caName) throws Exception {
        Issued ca = issue(caName, null, keys("EC"), true);
        Issued server = issue("petrel", ca, keys("EC"), false);
        return new Start(ca, new HttpOptions.Tls(pem(dir.resolve("tls.crt"), server.cert()),
                pem(dir.resolve("tls.key"), new JcaPKCS8Generator(server.keys().getPrivate(), null)), null));
    }

    private static HealthServer serve(ReloadingTls tls) {
        return HealthServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Map.of(SpeakerHealth.LIVEZ, () -> CompletableFuture.completedFuture(
                        Liveness.evaluate(List.of(), 0, Duration.ofSeconds(10)))),
                null, tls, HttpOptions.Authorization.DEFAULT);
    }

    @Test
    void aRotatedCertificateServesTheNextConnection() throws Exception {
        Start old = start("old CA");
        Path cert = old.files().certificate();
        Path key = old.files().key();
        ReloadingTls tls = ReloadingTls.unwatched(old.files());
        try (HealthServer s = serve(tls)) {
            HttpClient oldClient = client(old.ca(), null);
            Issued newCa = issue("new CA", null, keys("EC"), true);
            HttpClient newClient = client(newCa, null);
            assertEquals(200, get(oldClient, s.port()));
            assertThrows(IOException.class, () -> get(newClient, s.port()), "not renewed yet");

            Issued newServer = issue("petrel", newCa, keys("RSA"), false);
            pem(cert, newServer.cert());
            pem(key, newServer.keys().getPrivate()); // PKCS#1 this time
            assertTrue(tls.reload());
            assertEquals(200, get(newClient, s.port()));
            assertThrows(IOException.class, () -> get(oldClient, s.port()), "the old certificate is gone");
        }
    }

    @Test
    void aCorruptOrMismatchedRenewalKeepsTheOldCertificate() throws Exception {
        Start old = start("CA");
        Issued ca = old.ca();
        Path cert = old.files().certificate();
        Path key = old.files().key();
        ReloadingTls tls = ReloadingTls.unwatched(old.files());
        try (HealthServer s = serve(tls)) {
            HttpClient c = client(ca, null);
            // Half of a renewal: the new certificate written, its key not yet.
            Issued renewed = issue("petrel", ca, keys("EC"), false);
            pem(cert, renewed.cert());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> HealthTls.serverContext(new HttpOptions.Tls(cert, key, null)));
            assertTrue(e.getMessage().contains("tls.key (admin.tls.key) is not the key of the certificate in"),
                    e.getMessage());
            assertFalse(tls.reload());
            assertEquals(200, get(c, s.port()), "still the old pair");

            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nMIGH");
            assertFalse(tls.reload());
            assertEquals(200, get(c, s.port()));

            pem(key, new JcaPKCS8Generator(renewed.keys().getPrivate(), null));
            assertTrue(tls.reload(), "the renewal completed");
            assertEquals(200, get(c, s.port()));
        }
    }

    @Test
    void theWatchNoticesARenewalOnItsOwn() throws Exception {
        Start old = start("old CA");
        Path cert = old.files().certificate();
        Path key = old.files().key();
        try (HealthServer s = serve(ReloadingTls.watch(old.files()))) {
            Issued newCa = issue("new CA", null, keys("EC"), true);
            Issued newServer = issue("petrel", newCa, keys("EC"), false);
            // As an editor or cert-manager writes: new files renamed over the old ones, key first.
            Path tmp = pem(dir.resolve(".tls.key.tmp"), new JcaPKCS8Generator(newServer.keys().getPrivate(), null));
            Files.move(tmp, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            tmp = pem(dir.resolve(".tls.crt.tmp"), newServer.cert());
            Files.move(tmp, cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            HttpClient newClient = client(newCa, null);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!servesWith(newClient, s.port())) {
                assertTrue(System.nanoTime() < end, "the renewed certificate was not picked up");
                Thread.sleep(50);
            }
        }
    }

    private static boolean servesWith(HttpClient c, int port) throws Exception {
        try {
            return get(c, port) == 200;
        } catch (IOException handshakeRefused) {
            return false;
        }
    }
}
