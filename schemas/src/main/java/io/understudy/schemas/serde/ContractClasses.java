package io.understudy.schemas.serde;

import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The generated contract classes, by Avro full name; and Avro's permission to instantiate them. */
public final class ContractClasses {
    private static final String PACKAGE = "io.understudy.contract.";

    private static final Map<String, Class<? extends SpecificRecord>> BY_NAME = Arrays.stream(Topic.values())
            .flatMap(t -> t.valueTypes.stream())
            .distinct()
            .collect(Collectors.toUnmodifiableMap(Class::getName, Function.identity()));

    static {
        // Avro 1.12.2 refuses to instantiate classes from packages it was not told to trust.
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                type -> type.getName().startsWith(PACKAGE)));
    }

    private ContractClasses() {
    }

    static Optional<Class<? extends SpecificRecord>> byFullName(String fullName) {
        return Optional.ofNullable(BY_NAME.get(fullName));
    }

    /**
     * Lets Avro instantiate the contract's classes. The serde calls it; a program that builds contract records before
     * it makes a serializer (a builder copies enum defaults through Avro) calls it first, since outside the tests
     * nothing sets {@code org.apache.avro.SERIALIZABLE_PACKAGES}.
     */
    public static void trust() {
        // loading the class runs the static initializer once
    }
}
