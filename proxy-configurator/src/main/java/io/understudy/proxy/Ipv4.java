package io.understudy.proxy;

import java.util.regex.Pattern;

/**
 * A dotted-quad IPv4 literal, the only form an instance's private address takes here: a host name would be
 * resolved to something else than the instance (and HAProxy would report the resolved address, which never compares
 * equal), and anything else in a URL or a runtime command could point it at another host or chain commands.
 */
public final class Ipv4 {
    private static final Pattern LITERAL = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private Ipv4() {
    }

    public static boolean isLiteral(String address) {
        return address != null && LITERAL.matcher(address).matches();
    }
}
