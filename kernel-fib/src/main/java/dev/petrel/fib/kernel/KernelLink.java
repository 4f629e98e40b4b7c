package dev.petrel.fib.kernel;

/**
 * A network interface ({@code ifinfomsg} with {@code IFLA_IFNAME}).
 *
 * @param index {@code ifi_index}
 * @param name {@code IFLA_IFNAME}
 * @param up administratively up ({@code IFF_UP})
 * @param lowerUp the link has carrier ({@code IFF_LOWER_UP}, or {@code IFF_RUNNING})
 */
public record KernelLink(int index, String name, boolean up, boolean lowerUp) {
    /** Usable for forwarding. */
    public boolean operational() {
        return up && lowerUp;
    }
}
