package io.understudy.takeover.saga;

import io.understudy.contract.FailureJudged;
import io.understudy.contract.FailureVerdict;
import io.understudy.contract.InstanceLaunched;
import io.understudy.contract.ProxyConfigured;
import io.understudy.contract.VolumeCreated;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a step sees when its command is built: the environment as it is now and the takeover's progress. */
public record StepContext(Environment environment, String takeoverId) {

    public Takeover takeover() {
        return environment.takeover(takeoverId)
                .orElseThrow(() -> new IllegalStateException("environment " + environment.id() + " has no takeover " + takeoverId));
    }

    public Instance failed() {
        return instance(takeover().failedInstanceId());
    }

    public Instance candidate() {
        return instance(takeover().candidateInstanceId());
    }

    /** A planned takeover stops the master gracefully; a failed one is fenced by force. */
    public boolean planned() {
        return takeover().kind() == Takeover.Kind.PLANNED_TAKEOVER;
    }

    /** The instance whose HAProxy serves the environment's address: the running master. */
    public Instance front() {
        return environment.runningMaster()
                .orElseThrow(() -> new IllegalStateException("environment " + environment.id() + " has no running master"));
    }

    /**
     * Whether the front is settled: there is a running master, and no takeover is about to move the role elsewhere
     * (one that has not pivoted yet would leave a change made now on an HAProxy that no longer serves).
     */
    public boolean frontSettled() {
        return environment.runningMaster().isPresent() && environment.takeoverBeforePivot().isEmpty();
    }

    /** No front can be had: no running master, and no takeover on its way to making one. */
    public boolean frontGone() {
        return environment.runningMaster().isEmpty() && environment.takeoverBeforePivot().isEmpty();
    }

    /** What {@code step}'s result reported, as the step's output type: there by now, since this step came after it. */
    public <O extends SpecificRecord> O output(String step, Class<O> type) {
        return outputOf(step, type)
                .orElseThrow(() -> new IllegalStateException("step " + step + " has no output " + type.getSimpleName()));
    }

    private <O extends SpecificRecord> Optional<O> outputOf(String step, Class<O> type) {
        return takeover().step(step).map(StepProgress::output).filter(type::isInstance).map(type::cast);
    }

    /**
     * {@code front}'s HAProxy balances over itself first, then every other running app instance except those being
     * taken over (a master handed over on purpose still runs until it is stopped).
     */
    public Action.ConfigureProxy proxyOn(Instance front) {
        List<Action.ProxyServer> servers = new ArrayList<>();
        servers.add(new Action.ProxyServer(front.id(), front.privateAddress()));
        environment.instances().stream()
                .filter(i -> i.servesApp() && i.running() && !i.id().equals(front.id()) && !environment.handled(i.id()))
                .forEach(i -> servers.add(new Action.ProxyServer(i.id(), i.privateAddress())));
        return new Action.ConfigureProxy(front.id(), front.privateAddress(), servers);
    }

    /**
     * Puts back the servers the candidate's HAProxy had before ({@code previousServers} of the proxy step's result,
     * none to put back when it reported nothing). Nothing to restore on a candidate that has failed: its HAProxy went
     * with it.
     */
    public Optional<Action> restoreProxy(ProxyConfigured configured) {
        Instance candidate = candidate();
        if (configured == null || !candidate.running()) {
            return Optional.empty();
        }
        List<Action.ProxyServer> servers = configured.getPreviousServers().stream().filter(s -> !s.isBlank())
                .map(environment::instance).flatMap(Optional::stream)
                .map(i -> new Action.ProxyServer(i.id(), i.privateAddress())).toList();
        return Optional.of(new Action.ConfigureProxy(candidate.id(), candidate.privateAddress(), servers));
    }

    /**
     * The candidate as the master it now is, holding the restored data volume when there was one. A pivot that
     * succeeds while its candidate is being given up promotes nobody: the next candidate's pivot takes the address.
     */
    public Environment promoted() {
        if (takeover().aborting()) {
            return environment;
        }
        String volume = outputOf("volume", VolumeCreated.class).map(VolumeCreated::getVolumeId).orElse(null);
        return environment.updateInstance(candidate().id(), i -> (volume == null ? i : i.withDataVolume(volume))
                .withRole(Instance.Role.APP_MASTER));
    }

    /** Asks for a second opinion on the failed instance, at its private address. */
    public Action corroboration() {
        return new Action.CorroborateFailure(failed().id(), failed().privateAddress());
    }

    /** A new app slave of the environment's stack version, in the failed instance's zone. */
    public Action.RunInstance replacementFor(Instance failed) {
        String zone = failed.availabilityZone();
        return new Action.RunInstance(environment.imageId(), environment.stackVersion(), zone,
                environment.subnets().get(zone), Instance.Role.APP_SLAVE);
    }

    /** Records the booted replacement as a running app slave, so later steps put it behind the proxy. */
    public Environment withReplacement(InstanceLaunched launched) {
        Instance replacement = new Instance(launched.getInstanceId(), Instance.Role.APP_SLAVE,
                launched.getPrivateAddress(), launched.getAvailabilityZone(), environment.stackVersion(),
                environment.imageId(), null, Instance.Status.RUNNING);
        return environment.addInstance(replacement).withTakeover(takeover().withReplacement(replacement.id()));
    }

    /** The environment's policy for a fenced former master: terminate it or keep it as a utility instance. */
    public Action retirement() {
        return environment.formerMasterPolicy() == Environment.FormerMasterPolicy.TERMINATE
                ? new Action.TerminateInstance(failed().id())
                : new Action.SetInstanceRole(failed().id(), Instance.Role.UTILITY);
    }

    public Environment retired() {
        return environment.updateInstance(failed().id(), environment.formerMasterPolicy()
                == Environment.FormerMasterPolicy.TERMINATE ? i -> i.withStatus(Instance.Status.TERMINATED)
                : i -> i.withRole(Instance.Role.UTILITY));
    }

    public Environment terminated() {
        return environment.updateInstance(failed().id(), i -> i.withStatus(Instance.Status.TERMINATED));
    }

    /** The instance being taken over or replaced, fenced: stopped, its role tag taken away in the cloud. */
    public Environment failedFenced() {
        return environment.updateInstance(failed().id(), i -> i.withStatus(Instance.Status.FENCED));
    }

    /** The instance being taken over runs again as {@code role}: a planned takeover undone, a utility restarted. */
    public Environment failedRunningAs(Instance.Role role) {
        return environment.updateInstance(failed().id(), i -> i.withStatus(Instance.Status.RUNNING).withRole(role));
    }

    /** Instances the address may be taken from at the pivot: the failed master, and candidates given up on. */
    public List<String> formerHolders() {
        List<String> holders = new ArrayList<>();
        holders.add(takeover().failedInstanceId());
        holders.addAll(takeover().abandonedCandidates());
        return holders;
    }

    /**
     * A second opinion's answer: refuted, the instance answers healthy from another vantage, so it is running after
     * all and the takeover is withdrawn before anything is fenced.
     */
    public Environment judged(FailureJudged opinion) {
        if (opinion.getVerdict() != FailureVerdict.refuted) {
            return environment;
        }
        String reason = "the failure of " + failed().id() + " was refuted by a second opinion: "
                + (opinion.getEvidence().isEmpty() ? "it answers healthy" : opinion.getEvidence());
        return environment.updateInstance(failed().id(), i -> i.withStatus(Instance.Status.RUNNING))
                .withTakeover(takeover().withdraw(reason));
    }

    private Instance instance(String id) {
        return environment.instance(id)
                .orElseThrow(() -> new IllegalStateException("environment " + environment.id() + " has no instance " + id));
    }
}
