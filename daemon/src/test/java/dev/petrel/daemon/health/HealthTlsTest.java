package dev.petrel.daemon.health;

import static dev.petrel.daemon.health.TestPki.client;
import static dev.petrel.daemon.health.TestPki.issue;
import static dev.petrel.daemon.health.TestPki.keys;
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
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health endpoints over TLS, with a CA, a server and a client certificate made here: HTTPS, mutual TLS, and
 * private keys in the PEM forms Kubernetes users have (PKCS#8, PKCS#1 RSA, SEC 1 EC).
 */
class HealthTlsTest {
    @TempDir
    Path dir;

    private Path pem(String name, Object... objects) throws IOException {
        return TestPki.pem(dir.resolve(name), objects);
    }

    /** An EC key as openssl writes it (SEC 1, curve named inside), which a JDK key's encoding is not. */
    private static org.bouncycastle.util.io.pem.PemObject sec1(KeyPair ec) throws IOException {
        var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(ec.getPrivate().getEncoded());
        var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        var full = new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(),
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(ec.getPublic().getEncoded())
                        .getPublicKeyData(), info.getPrivateKeyAlgorithm().getParameters());
        return new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", full.getEncoded());
    }

    private static Map<String, Supplier<CompletableFuture<? extends HealthReport>>> checks() {
        return Map.of(SpeakerHealth.LIVEZ, () -> CompletableFuture.completedFuture(
                Liveness.evaluate(List.of(), 0, Duration.ofSeconds(10))));
    }

    private static int get(HttpClient c, String scheme, int port) throws Exception {
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port
                + SpeakerHealth.LIVEZ)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    @Test
    void httpsWithAnRsaKeyInPkcs1() throws Exception {
        Issued ca = issue("petrel test CA", null, keys("EC"), true);
        Issued server = issue("petrel", ca, keys("RSA"), false);
        Path cert = pem("tls.crt", server.cert(), ca.cert());
        Path key = pem("tls.key", server.keys().getPrivate()); // JcaPEMWriter writes RSA PRIVATE KEY (PKCS#1)
        assertTrue(Files.readString(key).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        try (HealthServer s = HealthServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                checks(), HealthTls.serverContext(new HttpOptions.Tls(cert, key, null)))) {
            assertEquals(200, get(client(ca, null), "https", s.port()));
            assertThrows(IOException.class, () -> get(HttpClient.newHttpClient(), "http", s.port()),
                    "plain HTTP to the TLS port");
        }
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() throws Exception {
        Issued ca = issue("petrel test CA", null, keys("EC"), true);
        Issued server = issue("petrel", ca, keys("EC"), false);
        Issued kubelet = issue("prober", ca, keys("EC"), false);
        Path cert = pem("tls.crt", server.cert());
        Path key = pem("tls.key", new JcaPKCS8Generator(server.keys().getPrivate(), null));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        Path caFile = pem("ca.crt", ca.cert());
        try (HealthServer s = HealthServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                checks(), HealthTls.serverContext(new HttpOptions.Tls(cert, key, caFile)))) {
            assertEquals(200, get(client(ca, kubelet), "https", s.port()));
            assertThrows(IOException.class, () -> get(client(ca, null), "https", s.port()));
            Issued stranger = issue("stranger", issue("other CA", null, keys("EC"), true), keys("EC"), false);
            assertThrows(IOException.class, () -> get(client(ca, stranger), "https", s.port()));
        }
    }

    @Test
    void keysInEveryUnencryptedPemFormAndClearErrorsOtherwise() throws Exception {
        KeyPair ec = keys("EC");
        Path sec1 = pem("ec.key", sec1(ec));
        assertTrue(Files.readString(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----"));
        assertEquals(ec.getPrivate().getAlgorithm(), HealthTls.privateKey(sec1).getAlgorithm());
        String opensslEcparam = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + Files.readString(sec1);
        Path withParameters = Files.writeString(dir.resolve("ecparam.key"), opensslEcparam);
        assertArrayEquals(HealthTls.privateKey(sec1).getEncoded(), HealthTls.privateKey(withParameters).getEncoded(),
                "as openssl ecparam -genkey writes it: the EC PARAMETERS block first");
        assertArrayEquals(ec.getPrivate().getEncoded(), HealthTls.privateKey(
                pem("ec8.key", new JcaPKCS8Generator(ec.getPrivate(), null))).getEncoded());

        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                .setPassword("pw".toCharArray()).build();
        Path encrypted = pem("enc.key", new JcaPKCS8Generator(ec.getPrivate(), encryptor));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HealthTls.privateKey(encrypted));
        assertTrue(e.getMessage().contains("is encrypted; give the key unencrypted"), e.getMessage());

        Issued ca = issue("petrel test CA", null, ec, true);
        Path notAKey = pem("cert-as-key.pem", ca.cert());
        e = assertThrows(IllegalStateException.class, () -> HealthTls.privateKey(notAKey));
        assertTrue(e.getMessage().contains("not a private key"), e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.crt"), "");
        e = assertThrows(IllegalStateException.class, () -> HealthTls.serverContext(
                new HttpOptions.Tls(empty, sec1, null)));
        assertTrue(e.getMessage().contains("empty.crt (admin.tls.certificate)"), e.getMessage());
    }
}
