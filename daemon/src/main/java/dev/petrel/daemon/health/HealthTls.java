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
 * the TLS. TLS 1.2 and 1.3 only. The key must be the certificate's ({@link ReloadingTls} relies on that check to
 * refuse a half-renewed pair); {@link ReloadingTls} builds the context again when the files change.
 */
public final class HealthTls {
    private HealthTls() {}

    /**
     * @throws IllegalStateException naming the file and what is wrong with it
     */
    public static SslContext serverContext(HttpOptions.Tls tls) {
        List<X509Certificate> chain = certificates(tls.certificate(), "admin.tls.certificate");
        PrivateKey key = privateKey(tls.key());
        matches(key, chain.get(0), tls);
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

    /**
     * Checks that {@code key} is the private half of {@code leaf}'s public key, by signing with one and verifying
     * with the other: a renewal that has written the new certificate but not yet its key must not be served.
     */
    private static void matches(PrivateKey key, X509Certificate leaf, HttpOptions.Tls tls) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448: the algorithm is its own signature
        };
        boolean ok;
        try {
            byte[] probe = "petrel key check".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature sign = java.security.Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            java.security.Signature verify = java.security.Signature.getInstance(algorithm);
            verify.initVerify(leaf.getPublicKey());
            verify.update(probe);
            ok = verify.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            ok = false;
        }
        if (!ok) {
            throw new IllegalStateException(tls.key() + " (admin.tls.key) is not the key of the certificate in "
                    + tls.certificate() + " (admin.tls.certificate, " + leaf.getSubjectX500Principal().getName()
                    + ")");
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
