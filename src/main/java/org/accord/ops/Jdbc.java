package org.accord.ops;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;

/** The few helpers the plain JDBC writes share (answers, new attempts): statements with IN lists, and instants. */
public final class Jdbc {

    private Jdbc() {
    }

    /** {@code ?, ?, ?} for an IN list of {@code n} values (at least one). */
    public static String marks(int n) {
        return String.join(", ", Collections.nCopies(Math.max(1, n), "?"));
    }

    /** Binds the values from the first parameter on, an instant as a UTC timestamp with time zone. */
    public static PreparedStatement bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i] instanceof Instant at ? at.atOffset(ZoneOffset.UTC) : values[i]);
        }
        return statement;
    }

    /** Binds an IN list's values from parameter {@code first} on. */
    public static void bindAll(PreparedStatement statement, int first, Collection<?> values) throws SQLException {
        int i = first;
        for (Object v : values) {
            statement.setObject(i++, v);
        }
    }

    public static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime at = rows.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** Runs a batch of updates and tells, for each, whether it changed a row. */
    public static boolean[] updated(PreparedStatement batch) throws SQLException {
        int[] counts = batch.executeBatch();
        boolean[] changed = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            // SUCCESS_NO_INFO would hide a missing row: neither H2 nor PostgreSQL's driver answers it for an update
            if (counts[i] == java.sql.Statement.SUCCESS_NO_INFO) {
                throw new SQLException("the driver did not say whether a batched update changed a row");
            }
            changed[i] = counts[i] > 0;
        }
        return changed;
    }
}
