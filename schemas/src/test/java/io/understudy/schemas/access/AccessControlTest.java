package io.understudy.schemas.access;

import io.understudy.schemas.topic.Topic;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The table of who may do what on which topic, held to the rules the control plane's safety rests on. */
class AccessControlTest {
    private static final String COMMAND_TOPICS = "understudy.commands.";

    @Test
    void everyTopicHasAWriterAndEveryTopicButTheDeadLettersAReader() {
        for (Topic topic : Topic.values()) {
            assertThat(AccessControl.of(topic).writers()).as(topic.topicName).isNotEmpty();
            if (topic != Topic.DEAD_LETTERS) {
                assertThat(AccessControl.of(topic).readers()).as(topic.topicName).isNotEmpty();
            }
        }
    }

    @Test
    void nobodyButTheOrchestratorWritesACommandTopicThePublicTopicTheStateOrTheJournal() {
        List<Topic> orchestrators = Arrays.stream(Topic.values()).filter(t -> t.topicName.startsWith(COMMAND_TOPICS)).collect(Collectors.toList());
        assertThat(orchestrators).hasSize(4);
        orchestrators.addAll(List.of(Topic.TAKEOVER_EVENTS, Topic.ENVIRONMENT_STATE, Topic.SAGA_JOURNAL));

        for (Topic topic : orchestrators) {
            assertThat(writers(topic)).as(topic.topicName).containsExactly(Principal.TAKEOVER_ORCHESTRATOR);
        }
    }

    @Test
    void eachCommandTopicIsReadByTheOneExecutingServiceItIsNamedAfter() {
        Arrays.stream(Topic.values()).filter(t -> t.topicName.startsWith(COMMAND_TOPICS)).forEach(topic ->
                assertThat(readers(topic)).as(topic.topicName).singleElement()
                        .matches(p -> Principal.EXECUTING_SERVICES.contains(p))
                        .extracting(p -> p.userName).isEqualTo(topic.topicName.substring(COMMAND_TOPICS.length())));
    }

    @Test
    void onlyExecutingServicesWriteResultsAndTheLedger() {
        assertThat(writers(Topic.COMMAND_RESULTS)).containsExactlyInAnyOrderElementsOf(Principal.EXECUTING_SERVICES);
        assertThat(writers(Topic.COMMAND_LEDGER)).containsExactlyInAnyOrderElementsOf(Principal.EXECUTING_SERVICES);
    }

    @Test
    void onlyTheMonitorWritesHealthAndOnlyTheOperatorWritesOperatorCommands() {
        assertThat(writers(Topic.HEALTH_OBSERVATIONS)).containsExactly(Principal.HEALTH_MONITOR);
        assertThat(writers(Topic.HEALTH_EVENTS)).containsExactly(Principal.HEALTH_MONITOR);
        assertThat(writers(Topic.OPERATOR_COMMANDS)).containsExactly(Principal.OPERATOR);
    }

    @Test
    void theSubscriberReadsThePublicTopicAndDoesNothingElse() {
        assertThat(AccessControl.bindings(Principal.SUBSCRIBER)).extracting(AccessControlTest::describe).containsExactlyInAnyOrder(
                "TOPIC LITERAL understudy.takeover-events READ",
                "GROUP PREFIXED subscriber READ");
    }

    @Test
    void theOperatorWritesItsCommandsAndReadsWhatTheCommandLineShowsWithoutCreatingAnything() {
        assertThat(AccessControl.bindings(Principal.OPERATOR)).extracting(AccessControlTest::describe).containsExactlyInAnyOrder(
                "TOPIC LITERAL understudy.operator-commands WRITE",
                "TOPIC LITERAL understudy.takeover-events READ",
                "TOPIC LITERAL understudy.environment-state READ",
                "TOPIC LITERAL understudy.saga-journal READ",
                "TOPIC LITERAL understudy.health-events READ");
    }

    @Test
    void kafkaStreamsServicesOwnTheInternalTopicsGroupAndTransactionalIdsNamedAfterThemAndNothingMoreThatIsPrefixed() {
        for (AclBinding binding : AccessControl.bindings()) {
            if (binding.pattern().patternType() == PatternType.PREFIXED) {
                Principal owner = owner(binding);
                assertThat(binding.pattern().name()).as(describe(binding)).isEqualTo(owner.userName);
                if (binding.pattern().resourceType() != ResourceType.GROUP) {
                    assertThat(Principal.STREAMS_SERVICES).as(describe(binding)).contains(owner);
                }
            }
        }
        for (Principal streams : Principal.STREAMS_SERVICES) {
            assertThat(AccessControl.bindings(streams)).extracting(AccessControlTest::describe).contains(
                    "TOPIC PREFIXED " + streams.userName + " ALL",
                    "TRANSACTIONAL_ID PREFIXED " + streams.userName + " WRITE",
                    "TRANSACTIONAL_ID PREFIXED " + streams.userName + " DESCRIBE",
                    "GROUP PREFIXED " + streams.userName + " READ");
        }
    }

    @Test
    void nothingIsGrantedOnTheClusterToAnyoneOrAnyTopicOrGroupAndNothingIsDenied() {
        assertThat(AccessControl.bindings()).allSatisfy(binding -> {
            assertThat(binding.pattern().resourceType()).isIn(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID);
            assertThat(binding.pattern().name()).isNotEqualTo("*");
            assertThat(binding.entry().principal()).isNotIn("User:*", Principal.ADMIN.kafkaPrincipal());
            assertThat(binding.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
        });
    }

    @Test
    void servicesMayCreateTheTopicsTheyUseAndPeopleMayNot() {
        assertThat(AccessControl.bindings()).filteredOn(b -> b.entry().operation() == AclOperation.CREATE)
                .extracting(AccessControlTest::owner)
                .doesNotContain(Principal.OPERATOR, Principal.SUBSCRIBER);
        assertThat(AccessControl.bindings(Principal.PROVISIONER)).extracting(AccessControlTest::describe)
                .contains("TOPIC LITERAL understudy.commands.provisioner READ", "TOPIC LITERAL understudy.commands.provisioner CREATE");
    }

    @Test
    void everyoneButTheAdministratorIsAUserWithSomethingToDoAndTheRegistryOnlyTouchesItsLog() {
        assertThat(AccessControl.users()).doesNotContain(Principal.ADMIN.userName).hasSize(Principal.values().length - 1);
        for (String user : AccessControl.users()) {
            assertThat(AccessControl.bindings().stream().map(AccessControlTest::owner).map(p -> p.userName)).as(user).contains(user);
        }
        assertThat(AccessControl.bindings(Principal.SCHEMA_REGISTRY)).extracting(AccessControlTest::describe).containsExactlyInAnyOrder(
                "TOPIC LITERAL _schemas READ", "TOPIC LITERAL _schemas WRITE", "TOPIC LITERAL _schemas CREATE");
    }

    private static Set<Principal> writers(Topic topic) {
        return holders(topic, AclOperation.WRITE);
    }

    private static Set<Principal> readers(Topic topic) {
        return holders(topic, AclOperation.READ);
    }

    /** From the ACLs themselves, not the table: what the broker will enforce. */
    private static Set<Principal> holders(Topic topic, AclOperation operation) {
        return AccessControl.bindings().stream()
                .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC && b.pattern().name().equals(topic.topicName))
                .filter(b -> b.entry().operation() == operation)
                .map(AccessControlTest::owner).collect(Collectors.toSet());
    }

    private static Principal owner(AclBinding binding) {
        return Arrays.stream(Principal.values()).filter(p -> p.kafkaPrincipal().equals(binding.entry().principal())).findFirst()
                .orElseThrow();
    }

    private static String describe(AclBinding binding) {
        return binding.pattern().resourceType() + " " + binding.pattern().patternType() + " " + binding.pattern().name()
                + " " + binding.entry().operation();
    }
}
