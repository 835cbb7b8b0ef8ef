package io.understudy.sandbox.cloud;

/**
 * The local things behind the cloud (processes, directories, listeners): the cloud's outbound port. Every call
 * only starts the work; the adapter reports completion back through the cloud's {@code on...} methods, from
 * another thread, the way EC2's states move on after the API call has answered.
 */
public interface Resources {
    /** Whether nothing on this machine uses the address yet: other sandboxes and tests share the loopback network. */
    boolean addressFree(String address, int... ports);

    void boot(Instance instance);

    void halt(Instance instance, boolean force, boolean terminate);

    void roleChanged(Instance instance);

    void bind(Address address, Instance instance);

    void unbind(Address address);

    void createVolume(Volume volume);

    void attach(Volume volume, Instance instance);

    void detach(Volume volume, Instance instance);

    void deleteVolume(Volume volume);

    void snapshot(Snapshot snapshot, Volume volume);
}
