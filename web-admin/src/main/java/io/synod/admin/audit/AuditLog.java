package io.synod.admin.audit;

import io.synod.core.statemachine.kv.KeyValue;
import io.synod.core.statemachine.kv.KvCommand;
import io.synod.core.statemachine.kv.KvResult;
import io.synod.ejb.kv.ReservedKeys;
import io.synod.ejb.node.SynodNode;
import io.synod.ejb.runtime.NodeRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes and reads the audit log in the replicated key-value store. Keys are
 * {@code /synod/audit/<inverted millis>-<node>-<random>}: the inverted time makes a prefix scan return the newest
 * entries first. Writing goes through Raft (via the leader, from any member), so an entry exists on a majority
 * before the action it records is taken; reading is LOCAL, from this member's copy.
 */
@ApplicationScoped
public class AuditLog {

    /**
     * Reserved: the store applications, the ops API and the store browser write through refuses it, so this
     * writer proposes straight to the runtime and is the only one that can write there.
     */
    public static final String PREFIX = ReservedKeys.AUDIT_PREFIX;
    private static final long WRITE_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SynodNode node;

    /**
     * Record {@code entry} and wait until it is applied.
     *
     * @throws AuditUnavailableException if it could not be written (not the leader, no runtime, timeout)
     */
    public void record(AuditEntry entry) {
        NodeRuntime runtime = node.runtime()
                .orElseThrow(() -> new AuditUnavailableException("the Raft runtime is not running on this node"));
        String key = PREFIX + String.format("%019d", Long.MAX_VALUE - entry.at().toEpochMilli()) + "-" + entry.node()
                + "-" + HexFormat.of().formatHex(randomBytes());
        try {
            runtime.submit(new KvCommand.Put(key, entry.encode().getBytes(StandardCharsets.UTF_8), Optional.empty()))
                    .get(WRITE_SECONDS, TimeUnit.SECONDS);
            LOG.info(() -> "audit: " + entry);
        } catch (ExecutionException e) {
            throw new AuditUnavailableException(e.getCause().getMessage() == null ? e.getCause().toString()
                    : e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException("the write was not applied within " + WRITE_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted");
        }
    }

    /** The newest {@code limit} entries as this member's copy holds them (empty while the runtime is not running). */
    public List<AuditEntry> recent(int limit) {
        Optional<NodeRuntime> runtime = node.runtime();
        if (runtime.isEmpty()) {
            return List.of();
        }
        try {
            KvResult.Scan scan = runtime.get().scanLocal(PREFIX, Optional.empty(), limit).get(WRITE_SECONDS, TimeUnit.SECONDS);
            List<AuditEntry> entries = new ArrayList<>();
            for (KeyValue kv : scan.kvs()) {
                try {
                    entries.add(AuditEntry.decode(new String(kv.value(), StandardCharsets.UTF_8)));
                } catch (IllegalArgumentException bad) {
                    LOG.warning(() -> "skipping unreadable audit entry " + kv.key() + ": " + bad.getMessage());
                }
            }
            return entries;
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "could not read the audit log", e);
            throw new AuditUnavailableException("the audit log could not be read: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted");
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
