import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checker for bench/kill-test.sh: after the crash and a clean restart, is every acknowledged
 * attempt and answer in the database, and is every attempt whole? Needs the JDBC driver on the
 * class path: java -cp DRIVER.jar bench/KillCheck.java JDBC_URL USER PASSWORD ACK_FILE
 * Prints one line of counts; exits 1 on any loss, damaged attempt or running total unlike a recomputation.
 * Run from the repo root (it reads the V4 migration).
 */
public class KillCheck {

    public static void main(String[] args) throws Exception {
        List<String> acks = Files.readAllLines(Path.of(args[3]));
        try (Connection db = DriverManager.getConnection(args[0], args[1], args[2]); Statement s = db.createStatement()) {
            Set<String> attempts = strings(s, "SELECT public_id FROM attempt");
            Set<String> answered = strings(s, "SELECT a.public_id || ' ' || i.position FROM answer n "
                    + "JOIN attempt_item i ON i.id = n.attempt_item_id JOIN attempt a ON a.id = i.attempt_id");
            long ackAttempts = 0, ackAnswers = 0, lostAttempts = 0, lostAnswers = 0;
            for (String ack : acks) {
                if (ack.startsWith("A ")) {
                    ackAttempts++;
                    lostAttempts += attempts.contains(ack.substring(2)) ? 0 : 1;
                } else if (ack.startsWith("Q ")) {
                    ackAnswers++;
                    lostAnswers += answered.contains(ack.substring(2)) ? 0 : 1;
                }
            }
            // An attempt is created with all its items in one transaction; the last answer closes it
            // and stores the score in the same transaction. Any other shape is damage.
            long itemsShort = count(s, "SELECT COUNT(*) FROM attempt a WHERE a.max_score <> "
                    + "(SELECT COUNT(*) FROM attempt_item i WHERE i.attempt_id = a.id)");
            long finishedWrong = count(s, "SELECT COUNT(*) FROM attempt a WHERE a.finished_at IS NOT NULL AND ("
                    + "(SELECT COUNT(*) FROM answer n JOIN attempt_item i ON i.id = n.attempt_item_id WHERE i.attempt_id = a.id) <> a.max_score "
                    + "OR a.score IS NULL OR ABS(a.score - (SELECT COALESCE(SUM(n.score), 0) FROM answer n "
                    + "JOIN attempt_item i ON i.id = n.attempt_item_id WHERE i.attempt_id = a.id)) > 1e-9)");
            long openButComplete = count(s, "SELECT COUNT(*) FROM attempt a WHERE a.finished_at IS NULL AND a.max_score > 0 AND "
                    + "(SELECT COUNT(*) FROM answer n JOIN attempt_item i ON i.id = n.attempt_item_id WHERE i.attempt_id = a.id) = a.max_score");
            long orphanAnswers = count(s, "SELECT COUNT(*) FROM answer n LEFT JOIN attempt_item i ON i.id = n.attempt_item_id WHERE i.id IS NULL");
            long damaged = itemsShort + finishedWrong + openButComplete + orphanAnswers;
            long totalsOff = totalsOff(s);
            System.out.printf("acked attempts %d (lost %d), acked answers %d (lost %d); in db: %d attempts, %d answers; "
                    + "damaged attempts %d (items missing %d, finished but wrong %d, complete but open %d, orphan answers %d); "
                    + "running-total rows unlike a recomputation %d%n",
                    ackAttempts, lostAttempts, ackAnswers, lostAnswers, attempts.size(), answered.size(), damaged,
                    itemsShort, finishedWrong, openButComplete, orphanAnswers, totalsOff);
            if (lostAttempts + lostAnswers + damaged + totalsOff > 0) {
                System.exit(1);
            }
        }
    }

    /**
     * The dashboard's running totals are written with each answer, in its transaction. Each table is
     * compared with what the V4 migration's own statements compute from the answers: the count of rows
     * found on one side only (numbers rounded to 6 places, as sums of doubles differ in the last bits).
     */
    static long totalsOff(Statement s) throws Exception {
        String migration = Files.readString(Path.of("src/main/resources/db/migration/V4__progress_totals.sql"));
        String backfill = migration.substring(migration.indexOf("-- totals from the existing history")).replaceAll("(?m)^--.*$", "");
        Pattern insert = Pattern.compile("INSERT INTO (\\w+) \\(([^)]+)\\)\\s+(SELECT .*)", Pattern.DOTALL);
        long off = 0;
        int tables = 0;
        for (String statement : backfill.split(";")) {
            Matcher m = insert.matcher(statement.strip());
            if (m.matches()) {
                Map<String, Integer> kept = rows(s, "SELECT " + m.group(2) + " FROM " + m.group(1));
                Map<String, Integer> recomputed = rows(s, m.group(3));
                Set<String> keys = new HashSet<>(kept.keySet());
                keys.addAll(recomputed.keySet());
                for (String key : keys) {
                    off += Math.abs(kept.getOrDefault(key, 0) - recomputed.getOrDefault(key, 0));
                }
                tables++;
            }
        }
        if (tables != 4) {
            throw new IllegalStateException("expected the 4 total tables in V4's backfill, found " + tables);
        }
        return off;
    }

    static Map<String, Integer> rows(Statement s, String sql) throws SQLException {
        Map<String, Integer> found = new HashMap<>();
        try (ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    Object v = r.getObject(c);
                    row.append(v instanceof Number n ? String.format(java.util.Locale.ROOT, "%.6f", n.doubleValue()) : v).append('|');
                }
                found.merge(row.toString(), 1, Integer::sum);
            }
        }
        return found;
    }

    static Set<String> strings(Statement s, String sql) throws SQLException {
        Set<String> found = new HashSet<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                found.add(r.getString(1));
            }
        }
        return found;
    }

    static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
