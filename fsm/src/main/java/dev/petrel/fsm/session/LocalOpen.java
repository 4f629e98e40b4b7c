package dev.petrel.fsm.session;

import dev.petrel.fsm.SessionPolicy;
import dev.petrel.wire.Family;
import dev.petrel.wire.Open;
import dev.petrel.wire.attr.AttributeCodes;
import dev.petrel.wire.cap.Capability;
import java.util.ArrayList;
import java.util.List;

/** Our OPEN for a peer, from its settings. */
final class LocalOpen {
    static final int AS_TRANS = AttributeCodes.AS_TRANS;

    private LocalOpen() {}

    static Open build(SessionSettings s) {
        SessionPolicy p = s.policy();
        List<Capability> caps = new ArrayList<>();
        for (Family f : p.families().stream().sorted().toList()) {
            caps.add(new Capability.Multiprotocol(f));
        }
        caps.add(new Capability.RouteRefresh());
        // RFC 7313: we mark stale on BoRR and sweep on EoRR, and frame our answers to a refresh the same way.
        caps.add(new Capability.EnhancedRouteRefresh());
        caps.add(new Capability.ExtendedMessage());
        caps.add(new Capability.FourOctetAs(p.localAs()));
        GracefulRestart gr = s.gracefulRestart();
        if (gr != null) {
            // RFC 4724 §3: our families, each with the F bit when the kernel routes went through a restart; the R bit
            // in the OPENs of a restart; RFC 8538 §2: N bit.
            List<Capability.GrFamily> fams = new ArrayList<>();
            for (Family f : p.families().stream().sorted().toList()) {
                fams.add(new Capability.GrFamily(f, gr.forwardingPreserved()));
            }
            caps.add(new Capability.GracefulRestart(gr.restarting(), true, gr.restartTimeSeconds(), fams));
        } else if (s.gracefulRestartHelper()) {
            // RFC 4724 §3: no families = helper only; RFC 8538 §2: N bit. Restart time 120 s, as FRR and BIRD.
            caps.add(new Capability.GracefulRestart(false, true, 120, List.of()));
        }
        if (s.addPathReceive() || s.addPathSend()) {
            // RFC 7911 §4: per family, the directions we can do; each is used where the peer offers the other.
            List<Capability.AddPathFamily> fams = new ArrayList<>();
            for (Family f : p.families().stream().sorted().toList()) {
                fams.add(new Capability.AddPathFamily(f, s.addPathReceive(), s.addPathSend()));
            }
            caps.add(new Capability.AddPath(fams));
        }
        if (p.role() != null) {
            caps.add(new Capability.Role(p.role()));
        }
        if (s.softwareVersion() != null) {
            caps.add(new Capability.SoftwareVersion(s.softwareVersion()));
        }
        // RFC 6793 §4.1: a 4-octet AS goes in the capability; My AS carries AS_TRANS.
        int myAs = p.localAs() > 0xffff ? AS_TRANS : (int) p.localAs();
        return new Open(myAs, p.holdTimeSeconds(), p.routerId(), caps);
    }
}
