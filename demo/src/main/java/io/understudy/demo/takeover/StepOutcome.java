package io.understudy.demo.takeover;

public enum StepOutcome {
    RUNNING, SUCCEEDED, FAILED, COMPENSATED
}
