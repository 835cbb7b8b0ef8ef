package io.understudy.takeover.saga;

import io.understudy.schemas.outcome.Outputs;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One row of a takeover plan: the command it sends, the steps that must have succeeded first, the output its result
 * must report (a record of the contract's {@code CommandOutput}, so a renamed field breaks the build), what its
 * success changes in the environment, its timeout and retry policy, how it is undone (steps before the pivot), what
 * undoing it changes in the environment, whether it is done once for the takeover or once per candidate, and whether
 * it configures the front (the running master's HAProxy). A step done once for the takeover is undone only when the
 * takeover fails, not when one candidate is given up. A front step waits while the front is not settled (a master
 * takeover has not pivoted yet), is sent again to the new front when the front it was sent to fails, and is skipped
 * when no front can be had; only its current attempt's answer counts. A best-effort step that fails for good is
 * skipped rather than failing the takeover.
 *
 * @param <O> the type of output its effects and its undo read; {@link SpecificRecord} for a step that reads none
 */
public record Step<O extends SpecificRecord>(String name, List<String> after, Predicate<StepContext> applies,
                   Function<StepContext, Action> command, Class<O> yields, boolean outputRequired, Effect<O> onSuccess,
                   Duration timeout, RetryPolicy retry, Compensation<O> compensation, Effect<O> onUndone,
                   boolean perCandidate, boolean front, boolean skippable, boolean onCandidateHaproxy) {

    /**
     * What a step's success changes in the environment, beyond the step's own progress; {@code output} is what its
     * result reported, null when it reported nothing of the step's type.
     */
    @FunctionalInterface
    public interface Effect<O> {
        Environment apply(StepContext context, O output);
    }

    /**
     * The command that undoes a step, from what its result reported (null for none, e.g. a failed attempt); empty
     * when there is nothing to undo.
     */
    @FunctionalInterface
    public interface Compensation<O> {
        Optional<Action> undo(StepContext context, O output);
    }

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public Step {
        after = List.copyOf(after);
    }

    /** A step whose effects read no output of its result. */
    public static Step<SpecificRecord> step(String name, Function<StepContext, Action> command) {
        return new Step<>(name, List.of(), context -> true, command, SpecificRecord.class, false, noEffect(),
                DEFAULT_TIMEOUT, RetryPolicy.upTo(3), nothingToUndo(), noEffect(), true, false, false, false);
    }

    /**
     * A step whose result must report an output of type {@code yields}: a success without it fails the attempt, since
     * what comes next would fail the same way.
     */
    public static <O extends SpecificRecord> Step<O> step(String name, Class<O> yields, Function<StepContext, Action> command) {
        return new Step<>(name, List.of(), context -> true, command, yields, true, noEffect(), DEFAULT_TIMEOUT,
                RetryPolicy.upTo(3), nothingToUndo(), noEffect(), true, false, false, false);
    }

    public Step<O> after(String... steps) {
        return new Step<>(name, List.of(steps), applies, command, yields, outputRequired, onSuccess, timeout, retry, compensation, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    public Step<O> when(Predicate<StepContext> condition) {
        return new Step<>(name, after, condition, command, yields, outputRequired, onSuccess, timeout, retry, compensation, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    /** Its output is read when there is one; a success without it is a success all the same. */
    public Step<O> mayYieldNothing() {
        return new Step<>(name, after, applies, command, yields, false, onSuccess, timeout, retry, compensation, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    public Step<O> onSuccess(Effect<O> effect) {
        return new Step<>(name, after, applies, command, yields, outputRequired, effect, timeout, retry, compensation, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    public Step<O> timeout(Duration limit) {
        return new Step<>(name, after, applies, command, yields, outputRequired, onSuccess, limit, retry, compensation, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    public Step<O> retry(RetryPolicy policy) {
        return new Step<>(name, after, applies, command, yields, outputRequired, onSuccess, timeout, policy, compensation, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    public Step<O> compensatedBy(Compensation<O> undo) {
        return new Step<>(name, after, applies, command, yields, outputRequired, onSuccess, timeout, retry, undo, onUndone, perCandidate, front, skippable, onCandidateHaproxy);
    }

    /** What the undo's success changes in the environment; {@code output} is the undone step's. */
    public Step<O> onUndone(Effect<O> effect) {
        return new Step<>(name, after, applies, command, yields, outputRequired, onSuccess, timeout, retry, compensation, effect, perCandidate, front, skippable, onCandidateHaproxy);
    }

    /** Done once for the whole takeover (fencing the failed master, its snapshot): kept when the candidate changes. */
    public Step<O> oncePerTakeover() {
        return new Step<>(name, after, applies, command, yields, outputRequired, onSuccess, timeout, retry, compensation, onUndone, false, front, skippable, onCandidateHaproxy);
    }

    /** Configures the front: its command goes to whoever is the running master when it is sent. */
    public Step<O> onFront() {
        return new Step<>(name, after, applies, command, yields, outputRequired, onSuccess, timeout, retry, compensation, onUndone, perCandidate, true, skippable, onCandidateHaproxy);
    }

    /** Worth doing, not worth failing the takeover for: when it fails for good it is skipped, and the rest goes on. */
    public Step<O> bestEffort() {
        return new Step<>(name, after, applies, command, yields, outputRequired, onSuccess, timeout, retry, compensation, onUndone, perCandidate, front, true, onCandidateHaproxy);
    }

    /** Configures the candidate's own HAProxy: when the candidate dies, its answer is not waited for. */
    public Step<O> onTheCandidatesHaproxy() {
        return new Step<>(name, after, applies, command, yields, outputRequired, onSuccess, timeout, retry, compensation, onUndone, perCandidate, front, skippable, true);
    }

    /**
     * What a successful result lacks for this step: nothing when it carries the output, otherwise the fields of the
     * output its map rendering lacks (or the output's type, when no field is missing but it is not one).
     */
    List<String> missingOutputs(Input.CommandResult result) {
        if (!outputRequired || yields.isInstance(result.output())) {
            return List.of();
        }
        List<String> fields = Outputs.missing(yields, result.outputs());
        return fields.isEmpty() ? List.of(yields.getSimpleName()) : fields;
    }

    /**
     * The result with its output typed: one from a service older than the typed output carries only the map
     * rendering, which is read back as this step's output type.
     */
    Input.CommandResult typed(Input.CommandResult result) {
        return result.output() != null ? result : readBack(result.outputs()).map(result::withOutput).orElse(result);
    }

    /** A map rendering read back as this step's output type; empty when it is not one, or the step reads none. */
    public Optional<SpecificRecord> readBack(Map<String, String> outputs) {
        return yields == SpecificRecord.class ? Optional.empty() : Outputs.parse(yields, outputs).map(o -> o);
    }

    Environment succeeded(StepContext context, SpecificRecord output) {
        return onSuccess.apply(context, outputOf(output));
    }

    Optional<Action> undo(StepContext context, SpecificRecord output) {
        return compensation.undo(context, outputOf(output));
    }

    Environment undone(StepContext context, SpecificRecord output) {
        return onUndone.apply(context, outputOf(output));
    }

    private O outputOf(SpecificRecord output) {
        return yields.isInstance(output) ? yields.cast(output) : null;
    }

    private static <O> Effect<O> noEffect() {
        return (context, output) -> context.environment();
    }

    private static <O> Compensation<O> nothingToUndo() {
        return (context, output) -> Optional.empty();
    }
}
