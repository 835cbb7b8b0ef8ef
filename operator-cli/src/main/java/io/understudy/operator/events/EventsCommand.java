package io.understudy.operator.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.understudy.operator.connection.ConnectionOptions;
import io.understudy.operator.log.RecordJson;
import io.understudy.operator.log.TopicReader;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "events", description = "The public takeover events, in human form (or one JSON object a line).")
public class EventsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ConnectionOptions options;

    @Option(names = "--env", description = "only this environment")
    String environment;

    @Option(names = "--follow", description = "keep printing new events until interrupted")
    boolean follow;

    private final PrintStream out;
    private final AtomicBoolean stopped;

    public EventsCommand(PrintStream out, AtomicBoolean stopped) {
        this.out = out;
        this.stopped = stopped;
    }

    @Override
    public Integer call() {
        try (TopicReader reader = new TopicReader(options.connection(), Topic.TAKEOVER_EVENTS)) {
            if (follow) {
                reader.follow(this::print, stopped::get);
            } else {
                reader.readToEnd(this::print);
            }
            if (reader.undecodable() > 0) {
                System.err.println(reader.undecodable() + " record(s) could not be decoded and were passed over");
            }
        }
        return 0;
    }

    private void print(ConsumerRecord<String, SpecificRecord> record) {
        if (record.value() == null || (environment != null && !environment.equals(record.key()))) {
            return;
        }
        try {
            out.println(options.json() ? JSON.writeValueAsString(RecordJson.of(record.value())) : EventLine.of(record.value()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
