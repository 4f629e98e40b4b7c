package dev.petrel.daemon.health;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.config.HttpOptions.Authorization;
import dev.petrel.daemon.health.Authorizer.Access;
import dev.petrel.daemon.health.Authorizer.Client;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The authorisation decisions alone: who may read, who may write. */
class AuthorizerTest {
    private static final Client LOCAL = new Client(true, Set.of());
    private static final Client REMOTE = new Client(false, Set.of());
    private static final Client PROMETHEUS = new Client(false, Set.of("prometheus", "prometheus.monitoring.svc"));
    private static final Client OPERATOR = new Client(false, Set.of("petrel-operator"));

    @Test
    void byDefaultAnyoneReadsAndNobodyWrites() {
        Authorizer a = new Authorizer(Authorization.DEFAULT);
        assertNull(a.refusal(Access.READ, LOCAL));
        assertNull(a.refusal(Access.READ, REMOTE));
        assertEquals("write access is not allowed to anyone (admin.authorization.write = [])",
                a.refusal(Access.WRITE, LOCAL));
        assertNotNull(a.refusal(Access.WRITE, OPERATOR), "not even with a certificate");
    }

    @Test
    void loopbackMeansTheClientsAddressNotItsCertificate() {
        Authorizer a = new Authorizer(new Authorization(List.of("*"), List.of("loopback")));
        assertNull(a.refusal(Access.WRITE, LOCAL));
        assertNull(a.refusal(Access.WRITE, new Client(true, Set.of("anyone"))));
        assertEquals("a client without a client certificate is not in admin.authorization.write [loopback]",
                a.refusal(Access.WRITE, REMOTE));
    }

    @Test
    void namesMatchTheCertificatesCnOrDnsNamesExactly() {
        Authorizer a = new Authorizer(new Authorization(List.of("prometheus.monitoring.svc", "petrel-operator"),
                List.of("petrel-operator")));
        assertNull(a.refusal(Access.READ, PROMETHEUS), "a DNS SAN");
        assertNull(a.refusal(Access.READ, OPERATOR), "the CN");
        assertNull(a.refusal(Access.WRITE, OPERATOR));
        assertEquals("client certificate prometheus, prometheus.monitoring.svc is not in"
                + " admin.authorization.write [petrel-operator]", a.refusal(Access.WRITE, PROMETHEUS));
        assertNotNull(a.refusal(Access.READ, new Client(false, Set.of("petrel-operator.evil"))), "no prefix match");
        assertNotNull(a.refusal(Access.READ, LOCAL), "loopback is not implied");
    }

    @Test
    void starIsAnyClientTheTransportLetThrough() {
        Authorizer a = new Authorizer(new Authorization(List.of(), List.of("*")));
        assertNull(a.refusal(Access.WRITE, OPERATOR));
        assertNull(a.refusal(Access.WRITE, REMOTE));
        assertEquals("read access is not allowed to anyone (admin.authorization.read = [])",
                a.refusal(Access.READ, OPERATOR));
    }
}
