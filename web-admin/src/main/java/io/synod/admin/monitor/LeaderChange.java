package io.synod.admin.monitor;

import java.time.Instant;
import java.util.Optional;

/** This node saw {@code leader} (empty: none known) take over in {@code term} at {@code at}. */
public record LeaderChange(Instant at, long term, Optional<String> leader) {
}
