package org.accord.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a learner's running totals, as the app kept them, with what the V4 migration's statements
 * compute from the same history in one go: the migration fills them for data that existed before, and
 * the bench data generator rebuilds them with the same statements, so all three must agree.
 */
public final class TotalsCheck {

    private static final Pattern BACKFILL = Pattern.compile("INSERT INTO (\\w+) \\(([^)]+)\\)\\s+(SELECT .*)", Pattern.DOTALL);

    private TotalsCheck() {
    }

    public static void assertEqualToMigration(EntityManager em, long learner) {
        String migration = migrationText();
        String marker = "-- totals from the existing history";
        assertTrue(migration.contains(marker), "GenData.java finds the statements by this line");
        int checked = 0;
        for (String statement : migration.substring(migration.indexOf(marker)).replaceAll("(?m)^--.*$", "").split(";")) {
            Matcher m = BACKFILL.matcher(statement.strip());
            if (!m.matches()) {
                continue;
            }
            String table = m.group(1);
            String columns = m.group(2);
            List<String> kept = rows(em, "select " + columns + " from " + table + " where learner_id = " + learner + " order by " + columns);
            List<String> recomputed = rows(em, "select * from (" + m.group(3) + ") t (" + columns + ") where learner_id = " + learner
                    + " order by " + columns);
            assertFalse(kept.isEmpty(), table + " has rows for the learner");
            assertEquals(recomputed, kept, table);
            checked++;
        }
        assertEquals(4, checked, "every total table is checked");
    }

    private static String migrationText() {
        try (InputStream in = TotalsCheck.class.getResourceAsStream("/db/migration/V4__progress_totals.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each row as text, numbers rounded to 9 places (sums of doubles may differ in the last bits). */
    private static List<String> rows(EntityManager em, String sql) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> out = new ArrayList<>();
            for (Object row : em.createNativeQuery(sql).getResultList()) {
                Object[] cells = row instanceof Object[] a ? a : new Object[] {row};
                StringBuilder text = new StringBuilder();
                for (Object cell : cells) {
                    text.append(cell instanceof Number n ? String.format(java.util.Locale.ROOT, "%.9f", n.doubleValue()) : cell).append('|');
                }
                out.add(text.toString());
            }
            return out;
        });
    }
}
