package io.understudy.testing.iam;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The least-privilege policy (ec2-access's iam-policy.json) must allow every EC2 action a service sends. A service's
 * {@code IamPolicyIT} extends this and runs after every other integration test class of its module
 * (junit-platform.properties orders classes), so it checks what their handlers really sent, recorded by the SDK
 * interceptor {@link Ec2ActionLog}; and, statically, every action the service's code names. And every change the
 * policy allows is allowed only on resources tagged with an environment, so that even a compromised executor cannot
 * touch what is not Understudy's.
 */
public abstract class IamPolicyCheck {

    @Test
    void everyActionTheTestsSentIsInThePolicy() {
        assertThat(Ec2ActionLog.sent()).as("EC2 actions recorded; run the module's whole test suite, this test checks what the others sent")
                .isNotEmpty();

        assertThat(IamPolicy.allowedActions()).as("actions in " + IamPolicy.RESOURCE).containsAll(Ec2ActionLog.sent());
    }

    @Test
    void everyActionTheCodeNamesIsInThePolicy() {
        assertThat(IamPolicy.actionsNamedIn(Path.of("src/main/java"))).isNotEmpty()
                .allSatisfy(action -> assertThat(IamPolicy.allowedActions()).as("actions in " + IamPolicy.RESOURCE).contains(action));
    }

    @Test
    void everyChangeThePolicyAllowsNeedsTheEnvironmentTag() {
        assertThat(IamPolicy.changesNotConditionedOnTheEnvironmentTag(IamPolicy.text()))
                .as("grants in " + IamPolicy.RESOURCE + " of changes to resources that need not carry "
                        + IamPolicy.ENVIRONMENT_TAG).isEmpty();
    }
}
