package io.synod.api.jdbc;

import io.synod.api.FencedBy;
import io.synod.api.FencingRejectedException;
import io.synod.api.InvalidRequestException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Fencing at a database row, the same rule the store applies: a write carries its lease's token and the row keeps
 * the newest token that wrote it; a write with an older token is refused. The check and the write are one
 * statement, so the database's own row locking makes them atomic:
 *
 * <pre>{@code
 * UPDATE stock SET count = ?, fence_token = ? WHERE id = ? AND fence_token <= ?
 * }</pre>
 *
 * Usage, with a table {@code stock(id PRIMARY KEY, count, fence_token BIGINT NOT NULL)}:
 *
 * <pre>{@code
 * FencedJdbc stock = FencedJdbc.on("stock", "id", "count");
 * try (Lease lease = locks.acquire("stock/7"); Connection c = dataSource.getConnection()) {
 *     stock.write(c, 7, 9, FencedBy.lease(lease)); // FencingRejectedException if a newer holder wrote the row
 * }
 * }</pre>
 *
 * A holder that was paused past its session's TTL and wakes up after the next holder wrote finds its write refused,
 * whatever it believes about its lease. Equal tokens pass: one holder may write many times.
 *
 * @param table       the guarded table
 * @param keyColumn   its key column (primary key or unique)
 * @param valueColumn the column written
 * @param tokenColumn the fencing token column ({@code BIGINT NOT NULL})
 */
public record FencedJdbc(String table, String keyColumn, String valueColumn, String tokenColumn) {

    /** Identifiers are spliced into SQL, so only plain ones are accepted: no quoting, no injection. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public FencedJdbc {
        for (String identifier : new String[] {table, keyColumn, valueColumn, tokenColumn}) {
            if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
                throw new InvalidRequestException("not a plain SQL identifier: " + identifier);
            }
        }
    }

    /** A table whose token column is {@code fence_token}. */
    public static FencedJdbc on(String table, String keyColumn, String valueColumn) {
        return new FencedJdbc(table, keyColumn, valueColumn, "fence_token");
    }

    /**
     * Write {@code value} into the row of {@code key} (creating it if absent) unless the row was written with a newer
     * token than {@code fence}'s. Runs in the connection's current transaction (auto-commit or not).
     *
     * @throws FencingRejectedException if a newer token wrote the row; nothing was written
     */
    public void write(Connection connection, Object key, Object value, FencedBy fence) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        if (fence == null) {
            throw new InvalidRequestException("fence must not be null");
        }
        if (update(connection, key, value, fence.token()) == 1) {
            return;
        }
        OptionalToken newest = newestToken(connection, key);
        if (newest.present) {
            if (newest.token > fence.token()) {
                throw new FencingRejectedException(fence.lockName(), fence.token(), newest.token);
            }
            throw new SQLException("row " + key + " of " + table + " was not updated although its token "
                    + newest.token + " is not newer than " + fence.token());
        }
        try {
            insert(connection, key, value, fence.token());
        } catch (SQLIntegrityConstraintViolationException raced) {
            // another writer created the row in between: the conditional update decides between us
            if (update(connection, key, value, fence.token()) != 1) {
                throw new FencingRejectedException(fence.lockName(), fence.token(),
                        newestToken(connection, key).token);
            }
        }
    }

    private int update(Connection connection, Object key, Object value, long token) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET " + valueColumn
                + " = ?, " + tokenColumn + " = ? WHERE " + keyColumn + " = ? AND " + tokenColumn + " <= ?")) {
            update.setObject(1, value);
            update.setLong(2, token);
            update.setObject(3, key);
            update.setLong(4, token);
            return update.executeUpdate();
        }
    }

    private void insert(Connection connection, Object key, Object value, long token) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (" + keyColumn + ", "
                + valueColumn + ", " + tokenColumn + ") VALUES (?, ?, ?)")) {
            insert.setObject(1, key);
            insert.setObject(2, value);
            insert.setLong(3, token);
            insert.executeUpdate();
        }
    }

    private record OptionalToken(boolean present, long token) {
    }

    private OptionalToken newestToken(Connection connection, Object key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + tokenColumn + " FROM " + table
                + " WHERE " + keyColumn + " = ?")) {
            select.setObject(1, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new OptionalToken(true, rs.getLong(1)) : new OptionalToken(false, 0);
            }
        }
    }
}
