package io.understudy.execution.kafka;

import io.micronaut.context.ApplicationContext;
import io.understudy.contract.AssociateAddress;
import io.understudy.contract.CommandResult;
import io.understudy.contract.EventMetadata;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.CommandAnswers;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.TopicRecords;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency on the real broker: a command delivered again, to the same service or to a restarted one, is
 * answered with the result recorded the first time, and the handler does not run again.
 */
class CommandLedgerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private final String service = "ledger-test-" + UUID.randomUUID().toString().substring(0, 8);
    private ApplicationContext context;

    private ApplicationContext start() {
        Infrastructure infrastructure = Infrastructure.get();
        return ApplicationContext.run(CommandConsumerIT.settings(infrastructure, service));
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    private static AssociateAddress command(String environment, String commandId) {
        return AssociateAddress.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(environment)
                        .setTakeoverId("takeover-" + environment).setOccurredAt(Instant.now()).setProducer("test").build())
                .setAllocationId("eipalloc-1").setInstanceId("i-1").build();
    }

    private static List<CommandResult> resultsOf(String commandId, int atLeast) {
        return CommandAnswers.await(commandId, atLeast, TIMEOUT);
    }

    @Test
    void aCommandSentTwiceRunsOnceAndIsAnsweredTwiceAlike() {
        context = start();
        String environment = "env-" + UUID.randomUUID();
        String commandId = "cmd-" + UUID.randomUUID();
        TopicRecords commands = TopicRecords.of(Topic.IP_COMMANDS);

        commands.send(environment, command(environment, commandId));
        commands.send(environment, command(environment, commandId));

        List<CommandResult> results = resultsOf(commandId, 2);
        assertThat(results).hasSize(2);
        assertThat(results.get(1)).as("the recorded result, time included").isEqualTo(results.get(0));
        assertThat(EchoHandler.runs(commandId)).isEqualTo(1);
    }

    @Test
    void aRestartedServiceStillKnowsWhatItDid() {
        context = start();
        String environment = "env-" + UUID.randomUUID();
        String commandId = "cmd-" + UUID.randomUUID();
        TopicRecords commands = TopicRecords.of(Topic.IP_COMMANDS);
        commands.send(environment, command(environment, commandId));
        CommandResult first = resultsOf(commandId, 1).get(0);
        context.close();

        context = start();
        commands.send(environment, command(environment, commandId));

        List<CommandResult> results = resultsOf(commandId, 2);
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r).isEqualTo(first));
        assertThat(EchoHandler.runs(commandId)).isEqualTo(1);
        List<ConsumerRecord<String, SpecificRecord>> ledger = TopicRecords.of(Topic.COMMAND_LEDGER).await(
                seen -> seen.stream().anyMatch(r -> (service + "/" + commandId).equals(r.key())), TIMEOUT);
        assertThat(ledger).filteredOn(r -> (service + "/" + commandId).equals(r.key())).hasSize(1);
    }
}
