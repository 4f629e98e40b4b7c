package dev.petrel.daemon.health;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What {@link Authorizer} knows of a connection: whether it comes from a loopback address, and the subject CN and
 * DNS subject alternative names of the client certificate TLS verified (none without mutual TLS).
 */
final class ClientNames {
    /** The GeneralName tag of a dNSName (RFC 5280 §4.2.1.6). */
    private static final int DNS = 2;

    private ClientNames() {}

    static Authorizer.Client of(Channel ch) {
        boolean loopback = ch.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                && a.getAddress().isLoopbackAddress();
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return new Authorizer.Client(loopback, Set.of());
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return new Authorizer.Client(loopback, chain.length > 0 && chain[0] instanceof X509Certificate leaf
                    ? names(leaf) : Set.of());
        } catch (SSLPeerUnverifiedException noCertificate) {
            return new Authorizer.Client(loopback, Set.of());
        }
    }

    static Set<String> names(X509Certificate cert) {
        Set<String> out = new TreeSet<>();
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    out.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // A subject the JDK wrote itself always parses; without a CN the SANs still count.
        }
        try {
            var sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.get(0) instanceof Integer tag && tag == DNS) {
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // Unreadable SANs give no names: the CN alone decides.
        }
        return out;
    }
}
