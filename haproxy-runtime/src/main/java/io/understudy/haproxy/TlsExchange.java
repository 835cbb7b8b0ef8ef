package io.understudy.haproxy;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One command, one connection, over mutual TLS: the server's certificate must chain to the authority and name the
 * address we connect to (an IP subject alternative name for an instance's private address); our certificate goes
 * with the handshake. HAProxy answers and closes the connection, as on the plaintext runtime API. Every step (connect,
 * handshake, each read) gets what is left of one deadline.
 */
final class TlsExchange {
    private static final String ALERT = "Received fatal alert: ";
    /**
     * Under TLS 1.3 the server judges our certificate only after our side of the handshake is done, so a refusal would
     * arrive after the command went out, looking like an HAProxy that died. Under TLS 1.2 the verdict comes within the
     * handshake: nothing is sent to a server that refuses us, and a handshake that breaks once the server asked for our
     * certificate is its refusal (ECDHE with AES-GCM, which HAProxy's defaults offer).
     */
    static final String PROTOCOL = "TLSv1.2";
    private static final String CONNECTING = "connecting";
    private static final String HANDSHAKE = "in the TLS handshake";
    private static final String READING = "reading the answer";

    private TlsExchange() {
    }

    static String exchange(PemTls tls, String host, int port, String command, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        PemTls.Client client = tls.client();
        String step = CONNECTING;
        SSLSocket socket = null;
        try (Socket plain = new Socket()) {
            // the handshake is several small writes each way: with Nagle's algorithm and delayed ACKs it stalls ~40 ms
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), remaining(deadline, step));
            step = HANDSHAKE;
            socket = (SSLSocket) client.context().getSocketFactory().createSocket(plain, host, port, true);
            try (SSLSocket tlsSocket = socket) {
                SSLParameters parameters = tlsSocket.getSSLParameters();
                // the JDK's host name check: an IP address must be among the certificate's IP subject alternative names
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setProtocols(new String[]{PROTOCOL});
                tlsSocket.setSSLParameters(parameters);
                tlsSocket.setSoTimeout(remaining(deadline, step));
                tlsSocket.startHandshake();
                client.keys().offer(tlsSocket);
                step = READING;
                OutputStream out = tlsSocket.getOutputStream();
                out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                return readToEnd(tlsSocket, deadline, step);
            }
        } catch (IOException e) {
            throw failure(host + ":" + port, command, client, step, socket, e);
        }
    }

    private static String readToEnd(SSLSocket socket, long deadline, String step) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            socket.setSoTimeout(remaining(deadline, step));
            int read = in.read(buffer);
            if (read < 0) {
                return answer.toString(StandardCharsets.UTF_8);
            }
            answer.write(buffer, 0, read);
        }
    }

    /** Milliseconds left, at least 1 (0 would mean no timeout to the socket). */
    private static int remaining(long deadline, String step) throws SocketTimeoutException {
        long millis = (deadline - System.nanoTime()) / 1_000_000;
        if (millis <= 0) {
            throw new SocketTimeoutException("timed out " + step);
        }
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    /**
     * Our trust manager's refusal names what is wrong with HAProxy's certificate. A handshake that breaks after HAProxy
     * asked for our certificate is HAProxy refusing it: with its alert, or as a broken pipe when it closed while we still
     * wrote. A first record that is no TLS at all is a plaintext runtime API. Anything else (a reset before that point,
     * a timeout) may pass, as with HAProxy down.
     */
    private static HaproxyUnavailableException failure(String at, String command, PemTls.Client client, String step, SSLSocket socket,
                                                        IOException e) {
        Optional<OfferingKeyManager.Offer> offer = socket == null ? Optional.empty() : client.keys().offer(socket);
        if (e instanceof SocketTimeoutException) {
            String hint = step.equals(HANDSHAKE) ? " (does its runtime API speak TLS?)" : "";
            return new HaproxyUnavailableException("HAProxy at " + at + " did not answer '" + command + "': timed out " + step + hint, e);
        }
        DescribingTrustManager.UntrustedServerException untrusted = cause(e, DescribingTrustManager.UntrustedServerException.class);
        if (untrusted != null) {
            return new HaproxyTlsException("HAProxy at " + at + " is not trusted: " + untrusted.getMessage(), e);
        }
        String message = String.valueOf(e.getMessage());
        String alert = message.contains(ALERT) ? "TLS alert " + message.substring(message.indexOf(ALERT) + ALERT.length()) : null;
        if (step.equals(HANDSHAKE) && offer.isPresent()) {
            if (!offer.get().sent()) {
                return new HaproxyTlsException("HAProxy at " + at + " accepts only client certificates issued by "
                        + offer.get().acceptedIssuers() + ", and ours (" + client.describe() + ") is not: refused", e);
            }
            return new HaproxyTlsException("HAProxy at " + at + " refused our client certificate (" + client.describe() + "): "
                    + (alert != null ? alert : "it closed the connection in the handshake (" + message + ")"), e);
        }
        if (alert != null) {
            return new HaproxyTlsException("HAProxy at " + at + " refused the TLS handshake: " + alert, e);
        }
        if (message.contains("Unsupported or unrecognized SSL message")) {
            return new HaproxyTlsException("HAProxy at " + at + " answered without TLS: its runtime API is plaintext"
                    + " (an instance set up before mutual TLS?)", e);
        }
        return new HaproxyUnavailableException("HAProxy at " + at + " did not answer '" + command + "': " + message, e);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
