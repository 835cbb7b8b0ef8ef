package io.understudy.sandbox.cloud;

/** Where the cloud's state goes after every change, so that it survives a restart. */
public interface StateStore {
    void save(CloudState state);
}
