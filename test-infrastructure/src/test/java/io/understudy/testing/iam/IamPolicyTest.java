package io.understudy.testing.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.understudy.testing.RepositoryRoot;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class IamPolicyTest {
    /** The policy as ec2-access ships it: this module does not depend on ec2-access, so it reads the source. */
    private static String shipped() throws Exception {
        Path repository = RepositoryRoot.find().orElseThrow(() -> new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath()));
        return Files.readString(repository.resolve("ec2-access/src/main/resources").resolve(IamPolicy.RESOURCE));
    }

    @Test
    void actionsAreFoundInClientCallsPaginatorsAndWaiters() throws Exception {
        Path sources = Files.createDirectories(Path.of("target", "iam-policy-test", "src"));
        Files.writeString(sources.resolve("Fleet.java"), """
                class Fleet {
                    void go() {
                        ec2.stopInstances(r -> r.instanceIds("i-1"));
                        ec2 .describeInstanceStatusPaginator(r -> r.maxResults(5));
                        waiter.waitUntilVolumeAvailable(r -> r.volumeIds("vol-1"));
                        waiter.waitUntilSystemStatusOk(r -> r.instanceIds("i-1"));
                        ec2.close();
                        notEc2.terminateInstances(r -> r);
                    }
                }
                """);

        assertThat(IamPolicy.actionsNamedIn(sources))
                .containsExactly("DescribeInstanceStatus", "DescribeVolumes", "StopInstances");
    }

    @Test
    void theShippedPolicyAllowsChangesOnlyToWhatCarriesAnEnvironment() throws Exception {
        assertThat(IamPolicy.changesNotConditionedOnTheEnvironmentTag(shipped())).isEmpty();
    }

    @Test
    void aPolicyWithoutItsTagConditionsIsCaughtGrantByGrant() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode policy = (ObjectNode) json.readTree(shipped());
        policy.withArray("Statement").forEach(statement -> ((ObjectNode) statement).remove("Condition"));

        assertThat(IamPolicy.changesNotConditionedOnTheEnvironmentTag(json.writeValueAsString(policy)))
                .contains("ec2:StopInstances on arn:aws:ec2:*:*:instance/* (UnderstudyActsOnItsInstances) does not require understudy:environment on the resource",
                        "ec2:AssociateAddress on arn:aws:ec2:*:*:elastic-ip/* (UnderstudyMovesItsAddressesBetweenItsInstances) does not require understudy:environment on the resource",
                        "ec2:RunInstances on arn:aws:ec2:*:*:instance/* (UnderstudyBootsOnlyInstancesThatCarryAnEnvironment) does not require understudy:environment on the resource",
                        "ec2:CreateTags on arn:aws:ec2:*:*:instance/* (UnderstudyChangesOnlyTheRoleOfItsInstances) does not require understudy:environment on the resource")
                .noneMatch(grant -> grant.contains("Describe") || grant.contains("image/*") || grant.contains("subnet/*"));
    }

    @Test
    void aChangeOnEveryResourceIsCaughtWhateverElseItsConditionSays() {
        String policy = """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Reads", "Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*"},
                  {"Sid": "Everything", "Effect": "Allow", "Action": ["ec2:TerminateInstances"], "Resource": "*",
                   "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}},
                  {"Sid": "NotOurs", "Effect": "Deny", "Action": "ec2:StopInstances", "Resource": "*"}]}
                """;

        assertThat(IamPolicy.changesNotConditionedOnTheEnvironmentTag(policy))
                .containsExactly("ec2:TerminateInstances on * (Everything) does not require understudy:environment on the resource");
    }

    @Test
    void theRequestsTagStandsInOnlyForWhatTheActionCreates() {
        String policy = """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Snapshots", "Effect": "Allow", "Action": "ec2:CreateSnapshot",
                   "Resource": ["arn:aws:ec2:*:*:snapshot/*", "arn:aws:ec2:*:*:volume/*"],
                   "Condition": {"StringLike": {"aws:RequestTag/understudy:environment": "?*"}}},
                  {"Sid": "Tags", "Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "arn:aws:ec2:*:*:instance/*",
                   "Condition": {"StringLike": {"aws:RequestTag/understudy:environment": "?*"}}}]}
                """;

        assertThat(IamPolicy.changesNotConditionedOnTheEnvironmentTag(policy)).containsExactly(
                "ec2:CreateSnapshot on arn:aws:ec2:*:*:volume/* (Snapshots) does not require understudy:environment on the resource",
                "ec2:CreateTags on arn:aws:ec2:*:*:instance/* (Tags) does not require understudy:environment on the resource");
    }
}
