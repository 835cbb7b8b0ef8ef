package io.understudy.takeover.saga;

import java.util.List;

/** The steps of one kind of takeover, in the order they are released when several become ready together. */
public record Plan(Takeover.Kind kind, List<Step<?>> steps) {

    public Plan {
        steps = List.copyOf(steps);
        List<String> names = steps.stream().map(Step::name).toList();
        for (Step<?> step : steps) {
            if (!names.subList(0, names.indexOf(step.name())).containsAll(step.after())) {
                throw new IllegalArgumentException("step " + step.name() + " must come after the steps it waits for");
            }
        }
    }

    public Step<?> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(kind + " has no step " + name));
    }

    /**
     * The next candidate's plan: what was done once for the whole takeover and succeeded (fencing, the snapshot)
     * stays done; everything else starts again.
     */
    List<StepProgress> stepsForNextCandidate(StepContext context) {
        return steps.stream().filter(s -> s.applies().test(context))
                .map(s -> context.takeover().step(s.name())
                        .filter(p -> !s.perCandidate() && p.is(StepProgress.Status.SUCCEEDED))
                        .orElse(StepProgress.pending(s.name())))
                .toList();
    }

    /** The steps that apply to this takeover, all pending: a takeover records its whole plan from the start. */
    List<StepProgress> pendingSteps(StepContext context) {
        return steps.stream().filter(s -> s.applies().test(context)).map(s -> StepProgress.pending(s.name())).toList();
    }
}
