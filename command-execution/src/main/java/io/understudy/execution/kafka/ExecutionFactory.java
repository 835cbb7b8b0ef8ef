package io.understudy.execution.kafka;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.understudy.execution.CommandExecutor;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Handlers;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.serde.AvroSerializer;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;

@Factory
class ExecutionFactory {

    @Singleton
    @Requires(property = "understudy.commands.topic")
    KafkaCommandLedger commandLedger(KafkaClients clients) {
        return new KafkaCommandLedger(clients::ledgerConsumer, clients.service());
    }

    @Singleton
    @Requires(property = "understudy.commands.topic")
    CommandExecutor commandExecutor(CommandSettings settings, List<CommandHandler<?>> handlers, KafkaClients clients,
                                    KafkaCommandLedger ledger) {
        AvroDeserializer deserializer = new AvroDeserializer();
        deserializer.configure(Map.of(AvroSerializer.REGISTRY_URL, clients.registryUrl()), false);
        return new CommandExecutor(Handlers.forTopic(settings.getTopic(), handlers), deserializer,
                clients.service(), Clock.systemUTC(), ledger);
    }
}
