/**
 * The application-facing key-value store ({@link io.synod.api.KeyValueStore}) over the node's Raft runtime:
 * request checks against the configured limits, the mapping between the core's key-value results and the API's
 * values, the translation of the runtime's failures into the API's typed exceptions, and the leader's periodic
 * expiry proposal that makes TTLs run out on an idle store.
 */
package io.synod.ejb.kv;
