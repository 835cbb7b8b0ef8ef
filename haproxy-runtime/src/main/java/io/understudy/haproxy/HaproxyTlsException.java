package io.understudy.haproxy;

/**
 * The TLS handshake with an instance's runtime API failed for a reason that holds until certificates change: HAProxy
 * refused our client certificate, presented one we do not trust, or does not speak TLS at all. Nothing was applied,
 * and sending the same command again fails the same way.
 */
public class HaproxyTlsException extends HaproxyUnavailableException {

    public HaproxyTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
