package org.accord.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which databases get the group commit: every H2 that keeps a file, however its URL names it. */
class DurableWritesTest {

    @Test
    void everyFileKeepingH2UrlIsGroupCommitted() {
        for (String url : new String[] {"jdbc:h2:file:./data/accord;MODE=PostgreSQL", "jdbc:h2:./data/accord",
                "jdbc:h2:~/accord", "jdbc:h2:/srv/accord/accord", "JDBC:H2:FILE:/srv/accord", "jdbc:h2:tcp://db:9092/~/accord"}) {
            assertTrue(DurableWrites.persistentH2("h2", url), url);
        }
    }

    @Test
    void inMemoryH2AndPostgresqlAreNot() {
        assertFalse(DurableWrites.persistentH2("h2", "jdbc:h2:mem:accord;DB_CLOSE_DELAY=-1"));
        assertFalse(DurableWrites.persistentH2("h2", "JDBC:H2:MEM:accord"));
        assertFalse(DurableWrites.persistentH2("postgresql", "jdbc:postgresql://localhost:5432/accord"));
    }
}
