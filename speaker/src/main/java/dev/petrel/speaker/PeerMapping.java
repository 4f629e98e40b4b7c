package dev.petrel.speaker;

import dev.petrel.config.AddressFamily;
import dev.petrel.config.PeerConfig;
import dev.petrel.config.PetrelConfig;
import dev.petrel.config.Role;
import dev.petrel.wire.cap.BgpRole;
import dev.petrel.fsm.FsmConfig;
import dev.petrel.fsm.SessionPolicy;
import dev.petrel.fsm.session.SessionSettings;
import dev.petrel.fsm.transport.TransportSettings;
import dev.petrel.wire.Family;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** Configuration records into what the session and the transport take. One place, so the two never disagree. */
final class PeerMapping {
    static final String SOFTWARE_VERSION = "Petrel/0.1";

    private PeerMapping() {}

    /**
     * @param restarting this start follows a graceful stop and the selection deferral is not over: the OPEN sets
     *     the R bit (only with {@code graceful-restart.enabled})
     */
    static SessionSettings session(PetrelConfig c, PeerConfig p, boolean restarting) {
        FsmConfig fsm = new FsmConfig(p.passive(), p.delayOpen(), positive(p.connectRetry()), p.idleHold(),
                p.idleHoldMax(), Duration.ofSeconds(300), true, true);
        int keepalive = p.keepalive().map(d -> (int) d.toSeconds()).orElse(-1);
        SessionPolicy policy = new SessionPolicy(c.localAs(), routerId(c.routerId()), p.remoteAs(),
                (int) p.holdTime().toSeconds(), keepalive, (int) p.minHoldTime().toSeconds(), families(p.families()),
                p.role().map(PeerMapping::role).orElse(null), p.strictRole(), true);
        return new SessionSettings(p.name(), fsm, policy, p.sendHoldTime().orElse(null), true, SOFTWARE_VERSION,
                p.ribOptions().addPathReceive(), p.ribOptions().addPathSendEnabled(), gracefulRestart(c, restarting));
    }

    /**
     * Our restarting-speaker side (null: helper only, {@code graceful-restart.enabled = false}). The F bit says
     * our forwarding outlives a stop of Petrel: the kernel routes stay ({@code kernel.persist}), or Petrel does not
     * program the kernel at all (no FIB, or dry-run). It holds for a session that merely flapped as well, so it is
     * set in every OPEN, as FRR does with {@code preserve-fw-state}.
     */
    static dev.petrel.fsm.session.GracefulRestart gracefulRestart(PetrelConfig c, boolean restarting) {
        dev.petrel.config.GracefulRestartOptions g = c.gracefulRestart();
        if (!g.enabled()) {
            return null;
        }
        dev.petrel.config.KernelOptions k = c.kernel();
        boolean preserved = k == null || !k.enabled() || k.dryRun() || k.persist();
        return new dev.petrel.fsm.session.GracefulRestart((int) g.restartTime().toSeconds(), restarting, preserved);
    }

    static TransportSettings transport(PetrelConfig c, PeerConfig p) {
        TransportSettings t = TransportSettings.of(new InetSocketAddress(p.address(), p.port()))
                .withGtsm(p.ttlSecurity())
                .withHops(hops(c, p));
        if (p.localAddress().isPresent()) {
            t = t.withLocalAddress(p.localAddress().get());
        }
        if (p.password().isPresent()) {
            t = t.withMd5Key(p.password().get().value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return t;
    }

    /**
     * The TTL we send without GTSM: {@code multihop} for eBGP (1 = directly connected, RFC 4271's default), and
     * 255 for iBGP, whose peers are often several hops away (BIRD and FRR do the same).
     */
    private static int hops(PetrelConfig c, PeerConfig p) {
        boolean internal = c.localAs() == p.remoteAs();
        return internal && !p.ttlSecurity() ? 255 : p.multihop();
    }

    static BgpRole role(Role r) {
        return switch (r) {
            case PROVIDER -> BgpRole.PROVIDER;
            case ROUTE_SERVER -> BgpRole.ROUTE_SERVER;
            case ROUTE_SERVER_CLIENT -> BgpRole.ROUTE_SERVER_CLIENT;
            case CUSTOMER -> BgpRole.CUSTOMER;
            case PEER -> BgpRole.PEER;
        };
    }

    static Set<Family> families(Set<AddressFamily> fs) {
        Set<Family> out = new HashSet<>();
        for (AddressFamily f : fs) {
            out.add(switch (f) {
                case IPV4_UNICAST -> Family.IPV4_UNICAST;
                case IPV6_UNICAST -> Family.IPV6_UNICAST;
            });
        }
        return out;
    }

    static int routerId(Inet4Address a) {
        return ByteBuffer.wrap(a.getAddress()).getInt();
    }

    private static Duration positive(Duration d) {
        return d.isZero() || d.isNegative() ? Duration.ofSeconds(1) : d;
    }
}
