package io.understudy.foreign;

import io.micronaut.context.annotation.Context;

/** Stands for another module's eager bean: the embedded registry must never create it. */
@Context
public class ExplodingBean {
    public ExplodingBean() {
        throw new IllegalStateException("a bean of another module was created inside the embedded schema registry");
    }
}
