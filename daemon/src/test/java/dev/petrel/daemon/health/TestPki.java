package dev.petrel.daemon.health;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made in a test: a CA, server and client certificates, PEM files, an HTTPS client. */
final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestPki() {}

    record Issued(KeyPair keys, X509Certificate cert) {}

    static KeyPair keys(String algorithm) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        g.initialize(algorithm.equals("RSA") ? 2048 : 256);
        return g.generateKeyPair();
    }

    /** A CA ({@code ca} null: self-signed) or a leaf with 127.0.0.1 and {@code dnsNames} as its SANs. */
    static Issued issue(String cn, Issued ca, KeyPair keys, boolean isCa, String... dnsNames) throws Exception {
        X500Name subject = new X500Name("CN=" + cn);
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(ca == null ? subject : new X500Name(ca.cert().getSubjectX500Principal()
                .getName()), BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minusSeconds(60)),
                Date.from(now.plusSeconds(3600)), subject, keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            for (String d : dnsNames) {
                names.add(new GeneralName(GeneralName.dNSName, d));
            }
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
        }
        PrivateKey signer = ca == null ? keys.getPrivate() : ca.keys().getPrivate();
        String alg = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(alg).build(signer)));
        return new Issued(keys, cert);
    }

    /** Writes {@code objects} (certificates, keys, PEM generators) as PEM to {@code file}. */
    static Path pem(Path file, Object... objects) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                w.writeObject(o instanceof org.bouncycastle.util.io.pem.PemObjectGenerator g ? g
                        : o instanceof org.bouncycastle.util.io.pem.PemObject p ? () -> p : new JcaMiscPEMGenerator(o));
            }
        }
        return Files.writeString(file, out.toString());
    }

    /** An HTTPS client trusting only {@code ca}, presenting {@code clientCert} when not null. */
    static HttpClient client(Issued ca, Issued clientCert) throws Exception {
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
}
