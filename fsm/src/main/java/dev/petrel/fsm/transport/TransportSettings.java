package dev.petrel.fsm.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How to reach one peer at the TCP level.
 *
 * <p>TTL handling follows RFC 5082 and what BIRD and FRR do:
 * <ul>
 *   <li>{@code gtsm == false}: segments are sent with TTL (IPv6: hop limit) {@code hops} and nothing is checked
 *       on receipt. eBGP peers default to {@code hops = 1} (directly connected; larger for eBGP multihop).
 *       <b>iBGP callers pass {@code hops = 255}</b>: iBGP sessions are routinely several hops away and a TTL of 1
 *       would not reach the peer.</li>
 *   <li>{@code gtsm == true}: segments are sent with TTL 255 and the socket drops anything that arrives with a
 *       TTL below {@code 256 - hops} ({@code IP_MINTTL}, {@code IPV6_MINHOPCOUNT}); {@code hops = 1} means the
 *       peer must be directly connected.</li>
 * </ul>
 *
 * @param remote the peer's address and port (normally 179); must be resolved
 * @param localAddress the source address to bind before connecting (port 0), or {@code null} for the kernel's
 *     choice; it must be of the same family as {@code remote}
 * @param md5Key the RFC 2385 TCP MD5 signature key (1..80 octets), or {@code null} for none; copied on the way in
 *     and out
 * @param gtsm whether to apply the Generalized TTL Security Mechanism (RFC 5082)
 * @param hops 1..255: the peer's maximum distance in hops (see above)
 * @param connectTimeout how long an outgoing connect may take before it fails (at most {@code Integer.MAX_VALUE}
 *     milliseconds)
 */
public record TransportSettings(
        InetSocketAddress remote,
        InetAddress localAddress,
        byte[] md5Key,
        boolean gtsm,
        int hops,
        Duration connectTimeout) {

    /** RFC 2385 / Linux {@code TCP_MD5SIG_MAXKEYLEN}. */
    public static final int MAX_MD5_KEY_LENGTH = 80;

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public TransportSettings {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException("remote address must be resolved: " + remote);
        }
        remote = new InetSocketAddress(Addresses.normalise(remote.getAddress()), remote.getPort());
        if (localAddress != null) {
            localAddress = Addresses.normalise(localAddress);
            if ((localAddress instanceof Inet4Address) != (remote.getAddress() instanceof Inet4Address)) {
                throw new IllegalArgumentException(
                        "local address " + localAddress + " is not of the family of " + remote.getAddress());
            }
        }
        if (md5Key != null) {
            if (md5Key.length == 0 || md5Key.length > MAX_MD5_KEY_LENGTH) {
                throw new IllegalArgumentException(
                        "MD5 key must be 1.." + MAX_MD5_KEY_LENGTH + " octets, got " + md5Key.length);
            }
            md5Key = md5Key.clone();
        }
        if (hops < 1 || hops > 255) {
            throw new IllegalArgumentException("hops must be 1..255, got " + hops);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()
                || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connect timeout out of range: " + connectTimeout);
        }
    }

    /** A directly connected eBGP peer: no MD5, no GTSM, TTL 1, default connect timeout. */
    public static TransportSettings of(InetSocketAddress remote) {
        return new TransportSettings(remote, null, null, false, 1, DEFAULT_CONNECT_TIMEOUT);
    }

    public TransportSettings withLocalAddress(InetAddress v) {
        return new TransportSettings(remote, v, md5Key, gtsm, hops, connectTimeout);
    }

    public TransportSettings withMd5Key(byte[] v) {
        return new TransportSettings(remote, localAddress, v, gtsm, hops, connectTimeout);
    }

    public TransportSettings withGtsm(boolean v) {
        return new TransportSettings(remote, localAddress, md5Key, v, hops, connectTimeout);
    }

    public TransportSettings withHops(int v) {
        return new TransportSettings(remote, localAddress, md5Key, gtsm, v, connectTimeout);
    }

    public TransportSettings withConnectTimeout(Duration v) {
        return new TransportSettings(remote, localAddress, md5Key, gtsm, hops, v);
    }

    @Override
    public byte[] md5Key() {
        return md5Key == null ? null : md5Key.clone();
    }

    boolean hasMd5Key() {
        return md5Key != null;
    }

    boolean md5KeyEquals(byte[] other) {
        return Arrays.equals(md5Key, other);
    }

    /** The TTL (hop limit) this side sends with: 255 under GTSM, else {@code hops}. */
    public int sendTtl() {
        return gtsm ? 255 : hops;
    }

    /** The lowest TTL (hop limit) accepted from the peer: {@code 256 - hops} under GTSM, else 0 (no check). */
    public int minTtl() {
        return gtsm ? 256 - hops : 0;
    }

    /** Whether this peer needs socket options that only the native (epoll) transport can set. */
    boolean needsNativeOptions() {
        return md5Key != null || gtsm;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportSettings t && remote.equals(t.remote) && Objects.equals(localAddress,
                t.localAddress) && Arrays.equals(md5Key, t.md5Key) && gtsm == t.gtsm && hops == t.hops
                && connectTimeout.equals(t.connectTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(remote, localAddress, Arrays.hashCode(md5Key), gtsm, hops, connectTimeout);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "TransportSettings[remote=" + remote + ", local=" + localAddress + ", md5="
                + (md5Key == null ? "no" : "yes") + ", gtsm=" + gtsm + ", hops=" + hops + ", connectTimeout="
                + connectTimeout + "]";
    }
}
