package io.understudy.ec2;

import io.understudy.contract.EventMetadata;
import io.understudy.schemas.tags.ResourceTags;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags that say which environment, takeover and command made a resource. They make resources traceable in the
 * console years later, and the command tag makes creation idempotent where EC2 has no client token
 * (CreateSnapshot) or where the endpoint ignores it (moto): look for the command's resource before creating one.
 */
public final class Provenance {
    public static final String ENVIRONMENT = ResourceTags.ENVIRONMENT;
    public static final String TAKEOVER = "understudy:takeover";
    public static final String COMMAND = "understudy:command";

    private Provenance() {
    }

    public static List<Tag> tags(EventMetadata command) {
        return madeFor(command).entrySet().stream().map(t -> tag(t.getKey(), t.getValue())).toList();
    }

    /** The same tags, key to value in this order, for a port that takes no provider's types. */
    public static Map<String, String> madeFor(EventMetadata command) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(ENVIRONMENT, command.getEnvironmentId());
        if (command.getTakeoverId() != null && !command.getTakeoverId().isEmpty()) {
            tags.put(TAKEOVER, command.getTakeoverId());
        }
        tags.put(COMMAND, command.getEventId());
        return tags;
    }

    public static TagSpecification on(ResourceType type, List<Tag> tags) {
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }

    public static Filter madeBy(String commandId) {
        return Filter.builder().name("tag:" + COMMAND).values(commandId).build();
    }

    public static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
