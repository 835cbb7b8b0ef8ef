package io.understudy.takeover.saga;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One row of a takeover plan: the command it sends, the steps that must have succeeded first, the outputs its
 * result must report, what its success changes in the environment, its timeout and retry policy, how it is undone
 * (steps before the pivot), what undoing it changes in the environment, whether it is done once for the takeover
 * or once per candidate, and whether it configures the front (the running master's HAProxy). A step done once for
 * the takeover is undone only when the takeover fails, not when one candidate is given up. A front step waits while
 * the front is not settled (a master takeover has not pivoted yet), is sent again to the new front when the front it
 * was sent to fails, and is skipped when no front can be had; only its current attempt's answer counts. A best-effort
 * step that fails for good is skipped rather than failing the takeover.
 */
public record Step(String name, List<String> after, Predicate<StepContext> applies, Function<StepContext, Action> command,
                   List<String> requiredOutputs, Effect onSuccess, Duration timeout, RetryPolicy retry,
                   Compensation compensation, Effect onUndone, boolean perCandidate, boolean front,
                   boolean skippable, boolean onCandidateHaproxy) {

    /** What a step's success changes in the environment, beyond the step's own progress. */
    @FunctionalInterface
    public interface Effect {
        Environment apply(StepContext context, Map<String, String> outputs);
    }

    /** The command that undoes a step, from what its result reported; empty when there is nothing to undo. */
    @FunctionalInterface
    public interface Compensation {
        Optional<Action> undo(StepContext context, Map<String, String> outputs);
    }

    private static final Effect NO_EFFECT = (context, outputs) -> context.environment();
    private static final Compensation NOTHING_TO_UNDO = (context, outputs) -> Optional.empty();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public Step {
        after = List.copyOf(after);
        requiredOutputs = List.copyOf(requiredOutputs);
    }

    public static Step step(String name, Function<StepContext, Action> command) {
        return new Step(name, List.of(), context -> true, command, List.of(), NO_EFFECT, DEFAULT_TIMEOUT,
                RetryPolicy.upTo(3), NOTHING_TO_UNDO, NO_EFFECT, true, false, false, false);
    }

    public Step after(String... steps) {
        return new Step(name, List.of(steps), applies, command, requiredOutputs, onSuccess, timeout, retry, compensation, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    public Step when(Predicate<StepContext> condition) {
        return new Step(name, after, condition, command, requiredOutputs, onSuccess, timeout, retry, compensation, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    public Step outputs(String... keys) {
        return new Step(name, after, applies, command, List.of(keys), onSuccess, timeout, retry, compensation, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    public Step onSuccess(Effect effect) {
        return new Step(name, after, applies, command, requiredOutputs, effect, timeout, retry, compensation, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    public Step timeout(Duration limit) {
        return new Step(name, after, applies, command, requiredOutputs, onSuccess, limit, retry, compensation, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    public Step retry(RetryPolicy policy) {
        return new Step(name, after, applies, command, requiredOutputs, onSuccess, timeout, policy, compensation, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    public Step compensatedBy(Compensation undo) {
        return new Step(name, after, applies, command, requiredOutputs, onSuccess, timeout, retry, undo, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    /** What the undo's success changes in the environment. */
    public Step onUndone(Effect effect) {
        return new Step(name, after, applies, command, requiredOutputs, onSuccess, timeout, retry, compensation, effect, perCandidate, front, skippable, onCandidateHaproxy);
    }

    /** Done once for the whole takeover (fencing the failed master, its snapshot): kept when the candidate changes. */
    public Step oncePerTakeover() {
        return new Step(name, after, applies, command, requiredOutputs, onSuccess, timeout, retry, compensation, onUndone, false, front, skippable, onCandidateHaproxy);
    }

    /** Configures the front: its command goes to whoever is the running master when it is sent. */
    public Step onFront() {
        return new Step(name, after, applies, command, requiredOutputs, onSuccess, timeout, retry, compensation, onUndone, perCandidate, true, skippable, onCandidateHaproxy);
    }

    /** Worth doing, not worth failing the takeover for: when it fails for good it is skipped, and the rest goes on. */
    public Step bestEffort() {
        return new Step(name, after, applies, command, requiredOutputs, onSuccess, timeout, retry, compensation, onUndone, perCandidate, front, true, onCandidateHaproxy);
    }

    /** Configures the candidate's own HAProxy: when the candidate dies, its answer is not waited for. */
    public Step onTheCandidatesHaproxy() {
        return new Step(name, after, applies, command, requiredOutputs, onSuccess, timeout, retry, compensation, onUndone, perCandidate, front, skippable, true);
    }

    List<String> missingOutputs(Map<String, String> outputs) {
        return requiredOutputs.stream().filter(key -> !outputs.containsKey(key)).toList();
    }

    Optional<Action> undo(StepContext context, Map<String, String> outputs) {
        return compensation.undo(context, outputs);
    }
}
