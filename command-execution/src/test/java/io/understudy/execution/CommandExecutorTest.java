package io.understudy.execution;

import io.understudy.contract.AddressAssociated;
import io.understudy.contract.AssociateAddress;
import io.understudy.contract.CommandOutcome;
import io.understudy.contract.CommandResult;
import io.understudy.contract.DeadLetter;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.TerminateInstance;
import io.understudy.schemas.registry.InMemorySchemaRegistryClient;
import io.understudy.schemas.registry.SchemaRegistryClient;
import io.understudy.schemas.registry.SchemaRegistryException;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandExecutorTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final String TOPIC = Topic.IP_COMMANDS.topicName;

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final AvroSerializer serializer = new AvroSerializer(registry);

    private CommandExecutor executor(Function<AssociateAddress, Outcome> behaviour) {
        return executor(behaviour, registry);
    }

    private CommandExecutor executor(Function<AssociateAddress, Outcome> behaviour, SchemaRegistryClient readerRegistry) {
        CommandHandler<AssociateAddress> handler = new CommandHandler<>() {
            @Override
            public Class<AssociateAddress> commandType() {
                return AssociateAddress.class;
            }

            @Override
            public Outcome handle(AssociateAddress command) {
                return behaviour.apply(command);
            }
        };
        return new CommandExecutor(Handlers.forTopic(Topic.IP_COMMANDS, List.of(handler)),
                new AvroDeserializer(readerRegistry), "ip-manager", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static AssociateAddress associate(String commandId) {
        return AssociateAddress.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId("env-1")
                        .setTakeoverId("takeover-7").setCausationId("step-3")
                        .setOccurredAt(NOW.minusSeconds(1)).setProducer("takeover-orchestrator").build())
                .setAllocationId("eipalloc-1").setInstanceId("i-2").build();
    }

    private byte[] bytes(SpecificRecord record) {
        return serializer.serialize(TOPIC, record);
    }

    @Test
    void aSucceededCommandIsAnsweredWithItsOutputsAndTracedToTheCommand() {
        Verdict verdict = executor(c -> Outcome.succeeded(Map.of("publicIp", "203.0.113.7")))
                .execute(2, 41, "env-1".getBytes(StandardCharsets.UTF_8), bytes(associate("cmd-1")));

        assertThat(verdict).isInstanceOf(Verdict.Executed.class);
        CommandResult result = ((Verdict.Executed) verdict).result();
        assertThat(result.getCommandId()).isEqualTo("cmd-1");
        assertThat(result.getCommand()).isEqualTo("AssociateAddress");
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.SUCCEEDED);
        assertThat(result.getRetriable()).isFalse();
        assertThat(result.getError()).isNull();
        assertThat(result.getOutputs()).containsExactly(Map.entry("publicIp", "203.0.113.7"));
        EventMetadata meta = result.getMeta();
        assertThat(meta.getEventId()).isEqualTo("result:cmd-1");
        assertThat(meta.getCausationId()).isEqualTo("cmd-1");
        assertThat(meta.getEnvironmentId()).isEqualTo("env-1");
        assertThat(meta.getTakeoverId()).isEqualTo("takeover-7");
        assertThat(meta.getProducer()).isEqualTo("ip-manager");
        assertThat(meta.getOccurredAt()).isEqualTo(NOW);
        assertThat(((Verdict.Executed) verdict).environmentId()).isEqualTo("env-1");
    }

    @Test
    void aTypedOutputTravelsTypedWithItsMapRenderingBeside() {
        AddressAssociated moved = new AddressAssociated("203.0.113.7", "eipassoc-1", "i-m1");
        CommandResult result = ((Verdict.Executed) executor(c -> Outcome.succeeded(moved))
                .execute(0, 0, null, bytes(associate("cmd-3")))).result();

        CommandResult read = (CommandResult) new AvroDeserializer(registry)
                .deserialize(Topic.COMMAND_RESULTS.topicName, serializer.serialize(Topic.COMMAND_RESULTS.topicName, result));
        assertThat(read.getOutput().getValue()).isEqualTo(moved);
        assertThat(read.getOutputs()).isEqualTo(Map.of("publicIp", "203.0.113.7", "associationId", "eipassoc-1",
                "previousInstanceId", "i-m1"));
    }

    @Test
    void aCommandTheLedgerKnowsIsAnsweredWithTheRecordedResultWithoutRunningItsHandler() {
        CommandResult recorded = ((Verdict.Executed) executor(c -> Outcome.succeeded(Map.of("publicIp", "203.0.113.7")))
                .execute(0, 0, null, bytes(associate("cmd-9")))).result();
        int[] runs = {0};
        CommandHandler<AssociateAddress> counting = new CommandHandler<>() {
            @Override
            public Class<AssociateAddress> commandType() {
                return AssociateAddress.class;
            }

            @Override
            public Outcome handle(AssociateAddress command) {
                runs[0]++;
                return Outcome.failedPermanently("must not run");
            }
        };
        CommandLedger ledger = id -> id.equals("cmd-9") ? java.util.Optional.of(recorded) : java.util.Optional.empty();
        CommandExecutor remembering = new CommandExecutor(Handlers.forTopic(Topic.IP_COMMANDS, List.of(counting)),
                new AvroDeserializer(registry), "ip-manager", Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC), ledger);

        Verdict again = remembering.execute(0, 1, null, bytes(associate("cmd-9")));
        Verdict other = remembering.execute(0, 2, null, bytes(associate("cmd-10")));

        assertThat(again).isEqualTo(new Verdict.Replayed(recorded));
        assertThat(runs[0]).as("runs of the handler: only for cmd-10").isEqualTo(1);
        assertThat(other).isInstanceOf(Verdict.Executed.class);
    }

    @Test
    void theHandlerSeesTheDecodedCommand() {
        AssociateAddress[] seen = new AssociateAddress[1];
        executor(c -> {
            seen[0] = c;
            return Outcome.succeeded(Map.of());
        }).execute(0, 0, null, bytes(associate("cmd-2")));

        assertThat(seen[0]).isEqualTo(associate("cmd-2"));
    }

    @Test
    void failuresKeepTheirRetriability() {
        CommandResult permanent = ((Verdict.Executed) executor(c -> Outcome.failedPermanently("InvalidAllocationID.NotFound"))
                .execute(0, 0, null, bytes(associate("cmd-3")))).result();
        CommandResult retriable = ((Verdict.Executed) executor(c -> Outcome.failedRetriably("RequestLimitExceeded"))
                .execute(0, 0, null, bytes(associate("cmd-4")))).result();

        assertThat(permanent.getOutcome()).isEqualTo(CommandOutcome.FAILED);
        assertThat(permanent.getRetriable()).isFalse();
        assertThat(permanent.getError()).isEqualTo("InvalidAllocationID.NotFound");
        assertThat(retriable.getOutcome()).isEqualTo(CommandOutcome.FAILED);
        assertThat(retriable.getRetriable()).isTrue();
    }

    @Test
    void aHandlerThatThrowsFailsTheCommandRetriablyInsteadOfStoppingTheService() {
        Verdict verdict = executor(c -> {
            throw new IllegalStateException("boom");
        }).execute(0, 0, null, bytes(associate("cmd-5")));

        CommandResult result = ((Verdict.Executed) verdict).result();
        assertThat(verdict.isFailure()).isTrue();
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.FAILED);
        assertThat(result.getRetriable()).isTrue();
        assertThat(result.getError()).contains("IllegalStateException").contains("boom");
    }

    @Test
    void bytesThatAreNotInTheWireFormatAreDeadLetteredUntouched() {
        byte[] key = "env-1".getBytes(StandardCharsets.UTF_8);
        byte[] value = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);

        DeadLetter letter = rejected(executor(c -> Outcome.succeeded(Map.of())).execute(3, 17, key, value));

        assertThat(letter.getSourceTopic()).isEqualTo(TOPIC);
        assertThat(letter.getPartition()).isEqualTo(3);
        assertThat(letter.getOffset()).isEqualTo(17);
        assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap(key));
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(value));
        assertThat(letter.getReason()).contains("wire format");
        assertThat(letter.getService()).isEqualTo("ip-manager");
        assertThat(letter.getFailedAt()).isEqualTo(NOW);
    }

    @Test
    void anUnknownSchemaIdIsDeadLettered() {
        byte[] value = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();

        DeadLetter letter = rejected(executor(c -> Outcome.succeeded(Map.of())).execute(0, 5, null, value));

        assertThat(letter.getReason()).contains("987654");
        assertThat(letter.getKey()).isNull();
    }

    @Test
    void aGarbledBodyIsDeadLettered() {
        byte[] valid = bytes(associate("cmd-6"));
        byte[] truncated = java.util.Arrays.copyOf(valid, 8);

        assertThat(rejected(executor(c -> Outcome.succeeded(Map.of())).execute(0, 5, null, truncated)).getReason())
                .contains("cannot decode");
    }

    @Test
    void aContractRecordOfAnotherTopicIsDeadLettered() {
        TerminateInstance terminate = TerminateInstance.newBuilder().setMeta(associate("cmd-7").getMeta())
                .setInstanceId("i-9").build();

        assertThat(rejected(executor(c -> Outcome.succeeded(Map.of())).execute(0, 5, null, bytes(terminate))).getReason())
                .contains("TerminateInstance").contains("does not belong on " + TOPIC);
    }

    @Test
    void aTombstoneIsDeadLettered() {
        assertThat(rejected(executor(c -> Outcome.succeeded(Map.of())).execute(0, 5, null, null)).getReason())
                .contains("tombstone");
    }

    @Test
    void anUnreachableRegistryLeavesTheRecordToBeRetriedRatherThanDeadLettered() {
        byte[] value = bytes(associate("cmd-8"));
        SchemaRegistryClient down = new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                throw new SchemaRegistryException("unreachable", 0, true, null);
            }

            @Override
            public Schema schemaById(int id) {
                throw new SchemaRegistryException("unreachable", 0, true, null);
            }
        };

        assertThatThrownBy(() -> executor(c -> Outcome.succeeded(Map.of()), down).execute(0, 0, null, value))
                .isInstanceOf(SchemaRegistryException.class);
    }

    private static DeadLetter rejected(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
        assertThat(verdict.isFailure()).isFalse();
        return ((Verdict.Rejected) verdict).letter();
    }
}
