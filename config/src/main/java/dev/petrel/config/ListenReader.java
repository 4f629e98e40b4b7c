package dev.petrel.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code petrel.listen}: "addr:port" for IPv4, "[v6]:port" for IPv6, as in a URL (RFC 3986 §3.2.2). */
final class ListenReader {
    private static final Pattern V4 = Pattern.compile("([0-9.]+):([0-9]{1,5})");
    private static final Pattern V6 = Pattern.compile("\\[([^\\]]+)\\]:([0-9]{1,5})");

    private ListenReader() {}

    /** The addresses, or null when any is wrong (each reported). */
    static List<ListenAddress> read(Section s) {
        ConfigList list = s.list("listen");
        if (list == null) {
            return null;
        }
        int before = s.problems.count();
        List<ListenAddress> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue v = list.get(i);
            String key = s.key("listen") + "[" + i + "]";
            ListenAddress a = v.valueType() == ConfigValueType.STRING ? parse((String) v.unwrapped()) : null;
            if (a == null) {
                s.problems.add(v.origin(), key, Section.render(v)
                        + " is not \"addr:port\" (IPv4) or \"[addr]:port\" (IPv6) with a literal address and a port 1..65535");
            } else if (out.contains(a)) {
                s.problems.add(v.origin(), key, a + " is listed twice");
            } else {
                out.add(a);
            }
        }
        return s.problems.count() == before ? out : null;
    }

    /** The address, or null. */
    static ListenAddress parse(String text) {
        Matcher m4 = V4.matcher(text);
        Matcher m6 = V6.matcher(text);
        InetAddress address;
        String port;
        if (m4.matches()) {
            address = IpLiterals.ipv4(m4.group(1));
            port = m4.group(2);
        } else if (m6.matches()) {
            address = IpLiterals.ip(m6.group(1));
            port = m6.group(2);
            if (!(address instanceof Inet6Address)) {
                return null; // "[10.0.0.1]:179" or an IPv4-mapped address: write IPv4 without brackets
            }
        } else {
            return null;
        }
        int p = Integer.parseInt(port);
        if (address == null || p < 1 || p > 65535) {
            return null;
        }
        assert address instanceof Inet4Address || address instanceof Inet6Address;
        return new ListenAddress(address, p);
    }
}
