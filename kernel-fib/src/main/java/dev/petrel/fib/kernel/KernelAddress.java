package dev.petrel.fib.kernel;

import java.net.InetAddress;

/**
 * An address on an interface ({@code ifaddrmsg} with {@code IFA_LOCAL}/{@code IFA_ADDRESS}).
 *
 * @param ifindex the interface it is on
 * @param address the local address
 * @param prefixLength {@code ifa_prefixlen}: the connected subnet's length
 */
public record KernelAddress(int ifindex, InetAddress address, int prefixLength) {}
