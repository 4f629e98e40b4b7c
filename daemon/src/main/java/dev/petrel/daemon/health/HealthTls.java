package dev.petrel.daemon.health;

import dev.petrel.config.HttpOptions;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The TLS context of the health endpoints from PEM files as a Kubernetes Secret volume holds them
 * ({@code tls.crt}, {@code tls.key}, {@code ca.crt}): Bouncy Castle reads the key whether it is PKCS#8
 * ({@code PRIVATE KEY}) or PKCS#1/SEC 1 ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}); the JDK's provider does
 * the TLS. TLS 1.2 and 1.3 only. The files are read once, at start.
 */
public final class HealthTls {
    private HealthTls() {}

    /**
     * @throws IllegalStateException naming the file and what is wrong with it
     */
    public static SslContext serverContext(HttpOptions.Tls tls) {
        List<X509Certificate> chain = certificates(tls.certificate(), "admin.tls.certificate");
        PrivateKey key = privateKey(tls.key());
        try {
            SslContextBuilder b = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                    .protocols("TLSv1.3", "TLSv1.2");
            if (tls.clientCa() != null) {
                b.trustManager(certificates(tls.clientCa(), "admin.tls.client-ca").toArray(X509Certificate[]::new))
                        .clientAuth(ClientAuth.REQUIRE);
            }
            return b.build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot set up TLS with " + tls.certificate() + " and " + tls.key()
                    + " (admin.tls): " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> certificates(Path file, String key) {
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read " + file + " (" + key + "): " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(file + " (" + key + ") holds no PEM certificate");
        }
        return out;
    }

    static PrivateKey privateKey(Path file) {
        String where = file + " (admin.tls.key)";
        Object pem;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            pem = p.readObject();
            // `openssl ecparam -genkey` writes an EC PARAMETERS block before the key: skip such blocks.
            while (pem instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier
                    || pem instanceof org.bouncycastle.asn1.x9.X9ECParameters) {
                pem = p.readObject();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + where + ": " + e.getMessage(), e);
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            return switch (pem) {
                case PrivateKeyInfo pkcs8 -> converter.getPrivateKey(pkcs8);
                // Only the private half: an EC key written without its public point has none.
                case PEMKeyPair pkcs1 -> converter.getPrivateKey(pkcs1.getPrivateKeyInfo());
                case PEMEncryptedKeyPair e -> throw new IllegalStateException(where
                        + " is encrypted; give the key unencrypted (a Secret volume protects it)");
                case PKCS8EncryptedPrivateKeyInfo e -> throw new IllegalStateException(where
                        + " is encrypted; give the key unencrypted (a Secret volume protects it)");
                case null -> throw new IllegalStateException(where + " holds no PEM private key");
                default -> throw new IllegalStateException(where + " holds a " + pem.getClass().getSimpleName()
                        + ", not a private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
            };
        } catch (IOException e) {
            throw new IllegalStateException("cannot use " + where + ": " + e.getMessage(), e);
        }
    }
}
