package io.understudy.haproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One command, one connection: HAProxy's CLIs answer and close once the client half-closes, which also
 * works for the master CLI (it otherwise keeps the connection open waiting for more commands).
 * Non-blocking channels so that connect and read both honour the deadline, on TCP and on unix sockets alike.
 */
final class CliExchange {
    private CliExchange() {
    }

    static String exchange(SocketAddress address, String command, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = open(address); Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            connect(channel, selector, address, deadline);
            write(channel, command);
            channel.shutdownOutput();
            return readToEnd(channel, selector, deadline);
        } catch (IOException e) {
            throw new HaproxyUnavailableException("HAProxy at " + describe(address) + " did not answer '" + command + "': " + e.getMessage(), e);
        }
    }

    private static SocketChannel open(SocketAddress address) throws IOException {
        return address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
    }

    private static void connect(SocketChannel channel, Selector selector, SocketAddress address, long deadline) throws IOException {
        if (channel.connect(address)) {
            return;
        }
        SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
        while (!channel.finishConnect()) {
            await(selector, deadline, "connecting");
        }
        key.interestOps(0);
    }

    private static void write(SocketChannel channel, String command) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
        // a single short line fits the socket buffer; loop only for the theoretical partial write
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    private static String readToEnd(SocketChannel channel, Selector selector, long deadline) throws IOException {
        SelectionKey key = channel.keyFor(selector);
        if (key == null) {
            key = channel.register(selector, SelectionKey.OP_READ);
        } else {
            key.interestOps(SelectionKey.OP_READ);
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (true) {
            int read = channel.read(buffer);
            if (read < 0) {
                return answer.toString(StandardCharsets.UTF_8);
            }
            if (read == 0) {
                await(selector, deadline, "reading the answer");
                continue;
            }
            answer.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }

    private static void await(Selector selector, long deadline, String what) throws IOException {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0 || selector.select(remainingMillis) == 0 && System.nanoTime() >= deadline) {
            throw new IOException("timed out " + what);
        }
        selector.selectedKeys().clear();
    }

    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return address.toString();
    }
}
