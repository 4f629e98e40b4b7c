package dev.petrel.daemon.health;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.config.HttpOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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

    private record Issued(KeyPair keys, X509Certificate cert) {}

    private static KeyPair keys(String algorithm) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        g.initialize(algorithm.equals("RSA") ? 2048 : 256);
        return g.generateKeyPair();
    }

    private static Issued issue(String cn, Issued ca, KeyPair keys, boolean isCa) throws Exception {
        X500Name subject = new X500Name("CN=" + cn);
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(ca == null ? subject : new X500Name(ca.cert().getSubjectX500Principal()
                .getName()), BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
                Date.from(now.plusSeconds(3600)), subject, keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        }
        PrivateKey signer = ca == null ? keys.getPrivate() : ca.keys().getPrivate();
        String alg = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(alg).build(signer)));
        return new Issued(keys, cert);
    }

    private Path pem(String name, Object... objects) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                w.writeObject(o instanceof org.bouncycastle.util.io.pem.PemObjectGenerator g ? g
                        : o instanceof org.bouncycastle.util.io.pem.PemObject p ? () -> p : new JcaMiscPEMGenerator(o));
            }
        }
        return Files.writeString(dir.resolve(name), out.toString());
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

    private static HttpClient client(Issued ca, Issued clientCert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientCert != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", clientCert.keys().getPrivate(), new char[0],
                    new X509Certificate[] {clientCert.cert()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
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
