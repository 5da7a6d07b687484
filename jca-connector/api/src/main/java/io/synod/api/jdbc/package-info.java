/**
 * Fencing tokens enforced at a database row: the same rule the store applies to {@code FencedBy} writes, for
 * applications whose protected resource is a table.
 */
package io.synod.api.jdbc;
