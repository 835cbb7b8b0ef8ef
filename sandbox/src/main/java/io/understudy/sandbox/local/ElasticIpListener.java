package io.understudy.sandbox.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Elastic IP while it is associated: a listening socket on its public address that forwards every TCP
 * connection to the instance's HAProxy. Retargeting is one volatile write, so each new connection goes to
 * exactly one instance, the old or the new; connections to the old one are cut. Closing makes the address
 * refuse connections.
 */
final class ElasticIpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticIpListener.class);
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile InetSocketAddress target;

    private ElasticIpListener(ServerSocket server, ExecutorService threads, InetSocketAddress target) {
        this.server = server;
        this.threads = threads;
        this.target = target;
    }

    static ElasticIpListener open(String publicIp, int port, InetSocketAddress target, ExecutorService threads) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(publicIp), port), 128);
            ElasticIpListener listener = new ElasticIpListener(server, threads, target);
            threads.execute(listener::acceptLoop);
            return listener;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + publicIp + ":" + port, e);
        }
    }

    /** Connections to the old instance are cut, as EC2 cuts them when an address moves: nothing reaches two instances. */
    void retarget(InetSocketAddress newTarget) {
        if (newTarget.equals(target)) {
            return;
        }
        target = newTarget;
        open.forEach(this::closeQuietly);
    }

    InetSocketAddress target() {
        return target;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                threads.execute(() -> forward(client, target));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("accept on {} failed: {}", server.getLocalSocketAddress(), e.toString());
                }
            }
        }
    }

    private void forward(Socket client, InetSocketAddress to) {
        Socket upstream = new Socket();
        try {
            upstream.connect(to, CONNECT_TIMEOUT_MS);
            open.add(upstream);
        } catch (IOException e) {
            // the instance is down: the client sees its connection closed, as with a dead host behind an address
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        AtomicInteger directionsDone = new AtomicInteger();
        threads.execute(() -> pump(upstream, client, client, upstream, directionsDone));
        pump(client, upstream, client, upstream, directionsDone);
    }

    /** Copies one direction; a half-close passes through, and the pair closes once both directions ended. */
    private void pump(Socket from, Socket to, Socket client, Socket upstream, AtomicInteger directionsDone) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
            if (directionsDone.incrementAndGet() < 2) {
                return;
            }
        } catch (IOException e) {
            // either side went away: nothing more can pass in either direction
        }
        closeQuietly(client);
        closeQuietly(upstream);
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.forEach(this::closeQuietly);
    }
}
