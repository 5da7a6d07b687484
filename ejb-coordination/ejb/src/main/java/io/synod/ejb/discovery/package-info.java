/**
 * Who is there: each node announces its node id and transport address through Payara's Hazelcast
 * (membership and discovery only; Hazelcast is never on the consensus path) and keeps the live view of the
 * other announcements.
 */
package io.synod.ejb.discovery;
