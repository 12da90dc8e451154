package org.accord.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * On H2 the answer writer's lock timeout is a setting of the whole connection, which goes back to the pool:
 * left there, a page's transaction on that connection would wait up to the writer's timeout instead of its own.
 */
class LockTimeoutTest {

    @Test
    void theWritersLockTimeoutIsGivenBackToTheConnection() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:lock-timeout-test;LOCK_TIMEOUT=1234")) {
            AnswerWriter.LockTimeout restore = AnswerWriter.LockTimeout.set(c, Duration.ofSeconds(7));
            assertEquals(7000, lockTimeout(c), "the writer's own timeout while it writes");
            restore.reset(c);
            assertEquals(1234, lockTimeout(c), "the connection's own timeout afterwards");
        }
    }

    private static long lockTimeout(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery("call lock_timeout()")) {
            r.next();
            return r.getLong(1);
        }
    }
}
