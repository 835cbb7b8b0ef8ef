package io.understudy.sandbox.cloud;

import java.util.ArrayList;
import java.util.List;

/** The cloud's outbound port as a list of what was asked of it; completions are reported by the test itself. */
final class RecordingResources implements Resources {
    final List<String> calls = new ArrayList<>();
    final List<String> busyAddresses = new ArrayList<>();

    @Override
    public boolean addressFree(String address, int... ports) {
        return !busyAddresses.contains(address);
    }

    @Override
    public void boot(Instance instance) {
        calls.add("boot " + instance.instanceId);
    }

    @Override
    public void halt(Instance instance, boolean force, boolean terminate) {
        calls.add((terminate ? "terminate " : force ? "kill " : "stop ") + instance.instanceId);
    }

    @Override
    public void roleChanged(Instance instance) {
        calls.add("role " + instance.instanceId + " " + instance.role());
    }

    @Override
    public void bind(Address address, Instance instance) {
        calls.add("bind " + address.publicIp + " " + instance.instanceId);
    }

    @Override
    public void unbind(Address address) {
        calls.add("unbind " + address.publicIp);
    }

    @Override
    public void createVolume(Volume volume) {
        calls.add("create " + volume.volumeId);
    }

    @Override
    public void attach(Volume volume, Instance instance) {
        calls.add("attach " + volume.volumeId + " " + instance.instanceId);
    }

    @Override
    public void detach(Volume volume, Instance instance) {
        calls.add("detach " + volume.volumeId + " " + instance.instanceId);
    }

    @Override
    public void deleteVolume(Volume volume) {
        calls.add("delete " + volume.volumeId);
    }

    @Override
    public void snapshot(Snapshot snapshot, Volume volume) {
        calls.add("snapshot " + snapshot.snapshotId + " " + volume.volumeId);
    }
}
