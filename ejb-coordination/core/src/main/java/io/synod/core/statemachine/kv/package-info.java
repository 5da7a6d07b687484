/**
 * The replicated key-value store, modelled on etcd v3's mvcc semantics: a global revision bumped by every
 * change, per-key create/mod revision and version, compare-and-set on mod revision or value, put-if-absent,
 * prefix scans with paging, TTLs in leader time, and a bounded, compactable history for watches.
 *
 * <p>{@link io.synod.core.statemachine.kv.KvStore} is the typed state;
 * {@link io.synod.core.statemachine.kv.KvStateMachine} puts it behind the byte-level SPI and hands the shell only
 * its read side, {@link io.synod.core.statemachine.kv.KvView};
 * {@link io.synod.core.statemachine.kv.KvValidator} enforces {@link io.synod.core.statemachine.kv.KvLimits}
 * before proposal and again on apply.
 */
package io.synod.core.statemachine.kv;
