/**
 * Leader-driven membership: which single-server change (§4.1) the leader proposes next, from the Raft
 * configuration, the leader's replication progress and the instances that discovery shows waiting to join.
 * Removal is never decided here: only an operator's explicit request removes a member.
 */
package io.synod.ejb.membership;
