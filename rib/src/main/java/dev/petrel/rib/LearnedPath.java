package dev.petrel.rib;

/**
 * A route the kernel holds that the learn policy picked up (a blackhole per IPAM block, a /32 on a {@code cali*}
 * interface, a connected subnet): it remembers its output interface, which policy may match on. Kept apart from
 * {@link Path} so that a million BGP paths do not pay for a field only kernel routes use.
 */
final class LearnedPath extends Path {
    final String interfaceName;

    LearnedPath(Source source, String interfaceName) {
        super(source, 0);
        this.interfaceName = interfaceName;
    }
}
