package io.understudy.sandbox.local;

import io.understudy.haproxy.ClientPemFiles;
import io.understudy.sandbox.cloud.Address;
import io.understudy.sandbox.cloud.Cloud;
import io.understudy.sandbox.cloud.Instance;
import io.understudy.sandbox.cloud.InstanceState;
import io.understudy.sandbox.cloud.Resources;
import io.understudy.sandbox.cloud.Snapshot;
import io.understudy.sandbox.cloud.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The cloud's resources on this machine: process groups for instances, listeners for Elastic IPs, directories
 * for volumes and snapshots. Disk work runs on one thread and address work on another, each in the order the
 * cloud asked for it; instance work runs per instance under that instance's lock.
 */
public final class LocalResources implements Resources, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalResources.class);

    private final Directories directories;
    private final RuntimeApiCertificates certificates;
    private final String marker;
    private final Path app;
    private final Readiness readiness = new Readiness();
    private final ExecutorService instanceWork = Executors.newCachedThreadPool(daemon("instance"));
    private final ExecutorService diskWork = Executors.newSingleThreadExecutor(daemon("disk"));
    private final ExecutorService addressWork = Executors.newSingleThreadExecutor(daemon("address"));
    private final ExecutorService forwarding = Executors.newCachedThreadPool(daemon("forward"));
    private final Map<String, Object> instanceLocks = new ConcurrentHashMap<>();
    private final Map<String, Long> groups = new ConcurrentHashMap<>();
    private final Map<String, String> addresses = new ConcurrentHashMap<>();
    private final Map<String, ElasticIpListener> listeners = new ConcurrentHashMap<>();
    private final int elasticIpPort;
    private volatile Cloud cloud;
    private volatile boolean closing;

    public LocalResources(Path root, int elasticIpPort) {
        this.directories = new Directories(root);
        this.certificates = new RuntimeApiCertificates(root);
        this.marker = marker(root);
        this.app = extractApp(root);
        this.elasticIpPort = elasticIpPort;
    }

    /** {@code -Dunderstudy.sandbox=<dir>}: in every command line of every process an instance runs. */
    public static String marker(Path root) {
        return "-Dunderstudy.sandbox=" + root.toAbsolutePath().normalize();
    }

    public void connect(Cloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public boolean addressFree(String address, int... ports) {
        for (int port : ports) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.bind(new InetSocketAddress(address, port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    // ---- instances

    @Override
    public void boot(Instance instance) {
        Machine machine = Machine.of(instance);
        addresses.put(machine.instanceId(), machine.privateAddress());
        instanceWork.execute(() -> bootNow(machine));
    }

    private void bootNow(Machine machine) {
        String id = machine.instanceId();
        synchronized (lock(id)) {
            if (closing || !cloud.instance(id).map(i -> i.state.live()).orElse(false)) {
                return;
            }
            long group = Optional.ofNullable(groups.get(id)).filter(ProcessGroups::alive)
                    .or(() -> ProcessGroups.find(List.of(marker, " " + id + " ")).map(adopted -> adopted(id, adopted)))
                    .orElseGet(() -> InstanceProcess.start(machine, directories.instance(id), app, marker, certificates));
            InstanceProcess.writeRole(directories.instance(id), machine.role());
            groups.put(id, group);
            LOG.info("instance {} at {}: process group {}", id, machine.privateAddress(), group);
        }
        Optional<String> failure = readiness.await(machine, () -> ProcessGroups.alive(groups.getOrDefault(id, -1L)));
        if (failure.isEmpty()) {
            cloud.onRunning(id);
        } else if (!closing && cloud.instance(id).map(i -> i.state == InstanceState.PENDING).orElse(false)) {
            LOG.warn("instance {} did not come up: {}", id, failure.get());
            cloud.onBootFailed(id, failure.get());
        }
    }

    private long adopted(String id, long group) {
        if (!certificates.trustedBy(directories.instance(id))) {
            LOG.warn("instance {} outlived the sandbox that booted it: its runtime API trusts that start's authority, not {}; "
                    + "stop and start the instance to give it a certificate of this one", id, certificates.proxyConfigurator().authority());
        }
        return group;
    }

    /** proxy-configurator's files for the runtime API of every instance this cloud boots. */
    public ClientPemFiles runtimeApiClient() {
        return certificates.proxyConfigurator();
    }

    @Override
    public void halt(Instance instance, boolean force, boolean terminate) {
        String id = instance.instanceId;
        instanceWork.execute(() -> {
            synchronized (lock(id)) {
                Optional.ofNullable(groups.remove(id)).or(() -> ProcessGroups.find(List.of(marker, " " + id + " ")))
                        .ifPresent(group -> end(group, force));
            }
            LOG.info("instance {} {}", id, terminate ? "terminated" : force ? "stopped (forced)" : "stopped");
            cloud.onHalted(id);
        });
    }

    @Override
    public void roleChanged(Instance instance) {
        Machine machine = Machine.of(instance);
        instanceWork.execute(() -> {
            synchronized (lock(machine.instanceId())) {
                InstanceProcess.writeRole(directories.instance(machine.instanceId()), machine.role());
            }
        });
    }

    /** A crash: SIGKILL to the whole group, and EC2 is not told; it keeps saying running. */
    public boolean kill(String instanceId) {
        synchronized (lock(instanceId)) {
            Long group = groups.get(instanceId);
            if (group == null) {
                return false;
            }
            end(group, true);
            return true;
        }
    }

    public long group(String instanceId) {
        return groups.getOrDefault(instanceId, -1L);
    }

    public boolean alive(String instanceId) {
        return ProcessGroups.alive(group(instanceId));
    }

    /** SIGTERM and a few seconds' grace unless forced, then SIGKILL until no member is left. */
    private static void end(long group, boolean force) {
        if (!force) {
            ProcessGroups.signal(group, false);
            waitUntilGone(group, 5_000);
        }
        while (ProcessGroups.alive(group)) {
            ProcessGroups.signal(group, true);
            waitUntilGone(group, 1_000);
        }
    }

    private static void waitUntilGone(long group, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (ProcessGroups.alive(group) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- Elastic IPs

    @Override
    public void bind(Address address, Instance instance) {
        String publicIp = address.publicIp;
        InetSocketAddress target = new InetSocketAddress(instance.privateAddress, InstanceProcess.PROXY_PORT);
        addressWork.execute(() -> {
            ElasticIpListener listener = listeners.get(publicIp);
            if (listener != null) {
                listener.retarget(target);
            } else if (!closing) {
                try {
                    listeners.put(publicIp, ElasticIpListener.open(publicIp, elasticIpPort, target, forwarding));
                } catch (UncheckedIOException e) {
                    // EC2 has it associated all the same; what is listening there instead is not ours to stop
                    LOG.error("Elastic IP {} cannot forward to {}: {}", publicIp, target, e.getCause().toString());
                    return;
                }
            }
            LOG.info("Elastic IP {}:{} forwards to {}", publicIp, elasticIpPort, target);
        });
    }

    @Override
    public void unbind(Address address) {
        String publicIp = address.publicIp;
        addressWork.execute(() -> {
            ElasticIpListener listener = listeners.remove(publicIp);
            if (listener != null) {
                listener.close();
                LOG.info("Elastic IP {} unassociated: no longer listening", publicIp);
            }
        });
    }

    // ---- volumes and snapshots

    @Override
    public void createVolume(Volume volume) {
        String volumeId = volume.volumeId;
        String snapshotId = volume.snapshotId;
        diskWork.execute(() -> {
            Path dir = directories.volume(volumeId);
            if (snapshotId.isEmpty()) {
                createDirectories(dir);
            } else {
                Directories.copyTree(directories.snapshot(snapshotId), dir);
            }
            cloud.onVolumeCreated(volumeId);
        });
    }

    @Override
    public void attach(Volume volume, Instance instance) {
        String volumeId = volume.volumeId;
        String device = volume.device;
        String instanceId = instance.instanceId;
        diskWork.execute(() -> {
            if (isDataDevice(device)) {
                createDirectories(directories.instance(instanceId));
                Directories.link(directories.data(instanceId), directories.volume(volumeId));
            }
            cloud.onAttached(volumeId);
        });
    }

    @Override
    public void detach(Volume volume, Instance instance) {
        String volumeId = volume.volumeId;
        String instanceId = volume.attachedTo;
        diskWork.execute(() -> {
            Directories.unlink(directories.data(instanceId), directories.volume(volumeId));
            cloud.onDetached(volumeId);
        });
    }

    @Override
    public void deleteVolume(Volume volume) {
        String volumeId = volume.volumeId;
        diskWork.execute(() -> {
            Directories.deleteTree(directories.volume(volumeId));
            cloud.onVolumeDeleted(volumeId);
        });
    }

    @Override
    public void snapshot(Snapshot snapshot, Volume volume) {
        String snapshotId = snapshot.snapshotId;
        String volumeId = snapshot.volumeId;
        diskWork.execute(() -> {
            try {
                Directories.copyTree(directories.volume(volumeId), directories.snapshot(snapshotId));
                cloud.onSnapshotDone(snapshotId, true);
            } catch (UncheckedIOException e) {
                LOG.warn("snapshot {} of {} failed: {}", snapshotId, volumeId, e.getMessage());
                cloud.onSnapshotDone(snapshotId, false);
            }
        });
    }

    /** Only the data device becomes /data; other devices attach in EC2's books and nowhere else. */
    private static boolean isDataDevice(String device) {
        return Cloud.DATA_DEVICE.equals(device) || "/dev/xvdf".equals(device) || "xvdf".equals(device);
    }

    // ---- shutdown

    /** Ends every instance's process group and closes every Elastic IP; the state file keeps them running for a restart. */
    @Override
    public void close() {
        closing = true;
        addressWork.shutdown();
        awaitQuietly(addressWork);
        listeners.values().forEach(ElasticIpListener::close);
        listeners.clear();
        // every instance lock, not only known groups: a boot that got past its check before closing finishes first
        instanceLocks.keySet().forEach(id -> {
            synchronized (lock(id)) {
                Long group = groups.remove(id);
                if (group != null) {
                    ProcessGroups.signal(group, false);
                    waitUntilGone(group, 2_000);
                    end(group, true);
                }
            }
        });
        diskWork.shutdown();
        awaitQuietly(diskWork);
        instanceWork.shutdownNow();
        forwarding.shutdownNow();
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Object lock(String instanceId) {
        return instanceLocks.computeIfAbsent(instanceId, k -> new Object());
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static Path extractApp(Path root) {
        Path target = root.resolve("sample-app.py");
        try (InputStream in = LocalResources.class.getResourceAsStream("sample-app.py")) {
            if (in == null) {
                throw new IllegalStateException("sample-app.py is missing from the sandbox jar");
            }
            Files.createDirectories(root);
            Path temp = root.resolve("sample-app.py.tmp");
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, "sandbox-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
