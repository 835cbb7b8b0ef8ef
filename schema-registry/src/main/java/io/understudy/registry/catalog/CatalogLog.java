package io.understudy.registry.catalog;

import java.util.function.Consumer;

/** Where catalog events are kept; the catalog in memory is rebuilt from it on start. */
public interface CatalogLog {

    /** Stores the event; when this returns, a restart replays it. */
    void append(CatalogEvent event);

    /** Hands every stored event to {@code apply}, oldest first. */
    void replay(Consumer<CatalogEvent> apply);
}
