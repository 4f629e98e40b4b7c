package dev.petrel.interop;

import dev.petrel.interop.harness.BgpState;
import dev.petrel.interop.harness.ManagedProcess;
import dev.petrel.interop.harness.PeerSnapshot;
import java.time.Duration;

/**
 * The daemon Petrel peers with in {@link PetrelInteropScenarios} (BIRD or FRR, on host b), seen through its own
 * control channel: one neighbor, Petrel.
 */
interface Counterpart {

    /** "BIRD" or "FRR", for messages. */
    String kind();

    /** Its view of the session with Petrel. */
    PeerSnapshot snapshot();

    /** Waits until its session with Petrel is in {@code state}. */
    PeerSnapshot awaitState(BgpState state, Duration timeout);

    /** The BGP process (bird, bgpd): what SIGSTOP freezes. */
    ManagedProcess bgpProcess();

    /** Stops the BGP process (SIGTERM) and starts a new one with the same configuration. */
    void restart();

    /** Administrative shutdown of the session with an RFC 9003 shutdown communication. */
    void shutdown(String message);

    /** Undoes {@link #shutdown}. */
    void enable();

    /** How many times the session with Petrel reached Established, by the daemon's own account. */
    int sessionsEstablished();

    /** The last lines of the BGP process's log. */
    String logTail(int lines);

    /**
     * How the counterpart is set up, as seen from it.
     *
     * @param ipv6 IPv6 transport (the announced prefix and the only configured family follow it)
     * @param localAddress its address on the link
     * @param localAs its AS
     * @param routerId its router id
     * @param petrelAddress Petrel's address on the link
     * @param petrelAs Petrel's AS
     * @param prefix the one prefix it announces
     * @param passive only accept Petrel's connection
     * @param password TCP MD5 key, or null
     * @param ttlSecurity GTSM (RFC 5082) for Petrel {@code hops} hops away
     * @param hops how many hops away Petrel is: 1 = on the link; more = eBGP multihop (BIRD {@code multihop},
     *     FRR {@code ebgp-multihop}), or with {@code ttlSecurity} the GTSM distance (BIRD {@code ttl security on}
     *     with {@code multihop}, FRR {@code ttl-security hops})
     */
    record Setup(boolean ipv6, String localAddress, long localAs, String routerId, String petrelAddress,
            long petrelAs, String prefix, boolean passive, String password, boolean ttlSecurity, int hops) {

        boolean internal() {
            return localAs == petrelAs;
        }

        Setup passive(boolean on) {
            return new Setup(ipv6, localAddress, localAs, routerId, petrelAddress, petrelAs, prefix, on, password,
                    ttlSecurity, hops);
        }

        Setup password(String key) {
            return new Setup(ipv6, localAddress, localAs, routerId, petrelAddress, petrelAs, prefix, passive, key,
                    ttlSecurity, hops);
        }

        Setup ttlSecurity(boolean on) {
            return new Setup(ipv6, localAddress, localAs, routerId, petrelAddress, petrelAs, prefix, passive,
                    password, on, hops);
        }

        Setup hops(int n) {
            return new Setup(ipv6, localAddress, localAs, routerId, petrelAddress, petrelAs, prefix, passive,
                    password, ttlSecurity, n);
        }
    }
}
