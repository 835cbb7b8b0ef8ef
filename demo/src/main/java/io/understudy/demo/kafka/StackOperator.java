package io.understudy.demo.kafka;

import io.understudy.signatures.OperatorKey;

import java.nio.file.Path;

/**
 * The dev stack's operators' authority, which the orchestrator trusts, and the operator certificate and key it issued,
 * with which the demo registers its environment as an operator does.
 */
public record StackOperator(Path authorities, Path certificate, Path key) {

    public OperatorKey operatorKey() {
        return OperatorKey.fromPem(certificate, key);
    }
}
