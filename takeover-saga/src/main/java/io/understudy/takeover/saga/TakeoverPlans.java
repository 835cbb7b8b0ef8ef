package io.understudy.takeover.saga;

import io.understudy.contract.FailureJudged;
import io.understudy.contract.InstanceLaunched;
import io.understudy.contract.ProxyConfigured;
import io.understudy.contract.SnapshotTaken;
import io.understudy.contract.VolumeCreated;
import io.understudy.takeover.saga.Action.AssociateAddress;
import io.understudy.takeover.saga.Action.AttachVolume;
import io.understudy.takeover.saga.Action.CreateVolumeFromSnapshot;
import io.understudy.takeover.saga.Action.DeleteVolume;
import io.understudy.takeover.saga.Action.DetachVolume;
import io.understudy.takeover.saga.Action.SetInstanceRole;
import io.understudy.takeover.saga.Action.SnapshotVolume;
import io.understudy.takeover.saga.Action.StartInstance;
import io.understudy.takeover.saga.Action.StopInstance;
import io.understudy.takeover.saga.Action.TerminateInstance;
import io.understudy.takeover.saga.Environment.FormerMasterPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static io.understudy.takeover.saga.RetryPolicy.untilSuccess;
import static io.understudy.takeover.saga.RetryPolicy.upTo;
import static io.understudy.takeover.saga.Step.step;

/**
 * The takeovers, one row per step: command, the output it yields, predecessors, timeout, retry policy and compensation.
 * A step is released as soon as every step it comes {@code after} has succeeded (a step that does not apply to this
 * takeover counts as done), so independent steps run in parallel.
 *
 * <p>Before the pivot a step is tried a few times; if it fails for good, the steps done for this candidate are
 * undone in reverse and the next candidate is tried. From the pivot on there is no way back: steps are tried until
 * they succeed.
 */
public final class TakeoverPlans {
    public static final String PIVOT = "pivot";
    static final String CORROBORATE = "corroborate";
    static final String ROLE = "role";
    private static final Predicate<StepContext> FORCED = c -> !c.planned();
    private static final Predicate<StepContext> MASTER_HAS_DATA = c -> c.failed().hasDataVolume();
    private static final Predicate<StepContext> TERMINATES =
            c -> c.environment().formerMasterPolicy() == FormerMasterPolicy.TERMINATE;
    private static final Predicate<StepContext> RETIRES_FORMER_MASTER =
            c -> c.environment().formerMasterPolicy() != FormerMasterPolicy.KEEP_STOPPED;
    private static final Predicate<StepContext> KEEPS_FORMER_MASTER_AS_UTILITY =
            c -> c.environment().formerMasterPolicy() == FormerMasterPolicy.KEEP_AS_UTILITY;

    /** Serves MASTER_TAKEOVER and PLANNED_TAKEOVER: they differ only in how the master is stopped. */
    public static final Plan MASTER_TAKEOVER = new Plan(Takeover.Kind.MASTER_TAKEOVER, List.of(
            // A forced fence needs a second opinion from another vantage: a monitor cut off from a healthy master
            // must fence nothing. A planned takeover stops a master known to be healthy, gracefully.
            step(CORROBORATE, FailureJudged.class, StepContext::corroboration).when(FORCED).oncePerTakeover()
                    .timeout(Duration.ofSeconds(15)).retry(upTo(3)).onSuccess((c, out) -> c.judged(out)),
            // Fence first and for good: two masters must never serve or run cron at the same time. The fence also
            // takes the role away, so a fenced master started by hand never runs cron.
            step("fence", c -> new StopInstance(c.failed().id(), !c.planned())).after(CORROBORATE).oncePerTakeover()
                    .timeout(Duration.ofMinutes(3)).retry(upTo(5))
                    .onSuccess((c, out) -> c.failedFenced())
                    // A failed master stays fenced whatever happens; a healthy one handed over on purpose runs again.
                    .compensatedBy((c, out) -> c.planned()
                            ? Optional.of(new StartInstance(c.failed().id(), Instance.Role.APP_MASTER)) : Optional.empty())
                    .onUndone((c, out) -> c.failedRunningAs(Instance.Role.APP_MASTER)),
            step("proxy", ProxyConfigured.class, c -> c.proxyOn(c.candidate())).mayYieldNothing().onTheCandidatesHaproxy()
                    .timeout(Duration.ofMinutes(1)).retry(upTo(3))
                    .compensatedBy((c, out) -> c.restoreProxy(out)),
            // The volume is consistent only once its master has stopped writing.
            step("snapshot", SnapshotTaken.class, c -> new SnapshotVolume(c.failed().dataVolumeId())).after("fence")
                    .when(MASTER_HAS_DATA).oncePerTakeover().timeout(Duration.ofMinutes(30)).retry(upTo(3)),
            step("volume", VolumeCreated.class, c -> new CreateVolumeFromSnapshot(
                    c.output("snapshot", SnapshotTaken.class).getSnapshotId(), c.candidate().availabilityZone()))
                    .after("snapshot").when(MASTER_HAS_DATA).timeout(Duration.ofMinutes(10)).retry(upTo(3))
                    .compensatedBy((c, out) -> Optional.ofNullable(out).map(v -> new DeleteVolume(v.getVolumeId()))),
            step("attach", c -> new AttachVolume(c.output("volume", VolumeCreated.class).getVolumeId(), c.candidate().id(),
                    c.environment().dataDevice()))
                    .after("volume").when(MASTER_HAS_DATA).timeout(Duration.ofMinutes(5)).retry(upTo(3))
                    .compensatedBy((c, out) -> Optional.of(new DetachVolume(
                            c.output("volume", VolumeCreated.class).getVolumeId(), c.candidate().id()))),
            // From here on the candidate holds the address: it is the master. The address is taken only from the
            // failed master (or a candidate given up on): held by anyone else, it waits for an operator.
            step(PIVOT, c -> new AssociateAddress(c.environment().elasticIp().allocationId(), c.candidate().id(), c.formerHolders()))
                    .after("fence", "attach", "proxy").timeout(Duration.ofMinutes(2)).retry(untilSuccess())
                    .onSuccess((c, out) -> c.promoted()),
            step(ROLE, c -> new SetInstanceRole(c.candidate().id(), Instance.Role.APP_MASTER)).after(PIVOT)
                    .retry(untilSuccess()),
            step("replacement", InstanceLaunched.class, c -> c.replacementFor(c.failed())).after(PIVOT)
                    .timeout(Duration.ofMinutes(15))
                    .retry(untilSuccess()).onSuccess((c, out) -> c.withReplacement(out)),
            step("rejoin", c -> c.proxyOn(c.front())).after("replacement").onFront().retry(untilSuccess()),
            step("retire", StepContext::retirement).after(ROLE, "rejoin").when(RETIRES_FORMER_MASTER)
                    .retry(untilSuccess()).onSuccess((c, out) -> c.retired()),
            // Only once it is tagged a utility: started as a master, it would run cron beside the new one.
            step("restart", c -> new StartInstance(c.failed().id(), null)).after("retire").when(KEEPS_FORMER_MASTER_AS_UTILITY)
                    .timeout(Duration.ofMinutes(15)).retry(untilSuccess())
                    .onSuccess((c, out) -> c.failedRunningAs(Instance.Role.UTILITY))));

    /**
     * A failed slave is fenced (a zombie costs money and may come back), taken out of the master's HAProxy and
     * replaced; the replacement joins the HAProxy of whoever is master by then. Nothing here waits on a dead master:
     * the HAProxy steps follow the front.
     */
    public static final Plan SLAVE_REPLACEMENT = new Plan(Takeover.Kind.SLAVE_REPLACEMENT, List.of(
            step(CORROBORATE, FailureJudged.class, StepContext::corroboration).timeout(Duration.ofSeconds(15))
                    .retry(upTo(3)).onSuccess((c, out) -> c.judged(out)),
            step("fence", c -> new StopInstance(c.failed().id(), true)).after(CORROBORATE)
                    .timeout(Duration.ofMinutes(3)).retry(upTo(5)).bestEffort().onSuccess((c, out) -> c.failedFenced()),
            step("detach", c -> c.proxyOn(c.front())).after(CORROBORATE).onFront().retry(upTo(5)),
            step("replacement", InstanceLaunched.class, c -> c.replacementFor(c.failed())).after(CORROBORATE)
                    .timeout(Duration.ofMinutes(15))
                    .retry(upTo(3)).onSuccess((c, out) -> c.withReplacement(out)),
            step("rejoin", c -> c.proxyOn(c.front())).after("detach", "replacement").onFront().retry(untilSuccess()),
            step("retire", c -> new TerminateInstance(c.failed().id())).after("fence", "rejoin").when(TERMINATES)
                    .retry(upTo(5)).bestEffort().onSuccess((c, out) -> c.terminated())));

    private TakeoverPlans() {
    }

    /**
     * A step by its name, in whichever plan has it: a step's name means the same command and output in every plan
     * (a result or a state from before typed outputs is read with it, even once its takeover is gone).
     */
    public static Optional<Step<?>> stepNamed(String name) {
        return Stream.of(MASTER_TAKEOVER, SLAVE_REPLACEMENT).flatMap(plan -> plan.steps().stream())
                .filter(step -> step.name().equals(name)).findFirst();
    }

    public static Plan of(Takeover.Kind kind) {
        return switch (kind) {
            case MASTER_TAKEOVER, PLANNED_TAKEOVER -> MASTER_TAKEOVER;
            case SLAVE_REPLACEMENT -> SLAVE_REPLACEMENT;
            default -> throw new IllegalArgumentException("no plan for " + kind);
        };
    }
}
