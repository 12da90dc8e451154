import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fills an Accord H2 database with benchmark data, while the app is stopped. The app must have run
 * once on the data dir (so Flyway made the schema and the bank's question versions exist).
 *
 * Usage: java -cp h2.jar bench/GenData.java DATA_DIR OUT_DIR TOTAL_ANSWERS LEARNERS SESSION_KEY
 *    or: java -cp postgresql.jar bench/GenData.java jdbc:postgresql://HOST:PORT/DB OUT_DIR ... (PGUSER, PGPASSWORD)
 *
 * Always made (about 52,000 answers), whatever the size:
 *  - bench-learner: 10,000 answers over the last 60 days in 1,000 finished practice attempts, with
 *    review states and a review log (the dashboard scenario);
 *  - bench-teacher with a class of 200 students and 20 past assignments, each student with one
 *    finished 10-question attempt per assignment (the gradebook scenario);
 *  - a class of 1,000 students with ten open assignments nobody has started (the start spike: nine warm-ups, then
 *    the measured one);
 *  - 1,000 learners with 10 unfinished practice attempts each, nothing answered (the answer POSTs), and review
 *    states for up to 150 questions each, those 100 questions among them.
 * Then guest learners (LEARNERS of them) get finished practice attempts until the database holds
 * TOTAL_ANSWERS answers. Bulk answers get no review log rows (only the fixtures above do).
 *
 * Sessions are minted the way the app makes them (token + HMAC under SESSION_KEY, SHA-256 of the
 * token stored), so start the app with ACCORD_SESSION_KEY=SESSION_KEY. Writes to OUT_DIR:
 * teacher.cookie, learner.cookie, class.id, spike.warmup (nine ids), spike.assignment, spike.cookies (one per line) and
 * answers.tsv (path, session cookie value, form body; ordered so consecutive lines hit different
 * learners).
 */
public class GenData {

    static final Random R = new Random(42);
    static Connection db;
    static long learnerId, accountId, sessionId, classId, enrolId, assignmentId, attemptId, itemId, answerId, stateId, logId;
    static PreparedStatement insLearner, insAccount, insSession, insAttempt, insItem, insAnswer, insState, insLog;
    static long pending;
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static Mac mac;
    static String passwordHash;
    // simple-typed current question versions: id, question id, topic, type
    static List<long[]> versions = new ArrayList<>();
    static List<String[]> versionInfo = new ArrayList<>();
    static long answersMade;
    static boolean postgres;

    public static void main(String[] args) throws Exception {
        String target = args[0];
        Path out = Path.of(args[1]);
        long total = Long.parseLong(args[2]);
        int learners = Integer.parseInt(args[3]);
        String key = args[4];
        Files.createDirectories(out);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        // any well-formed bcrypt hash: nobody logs in with a password, sessions are minted
        passwordHash = "$2a$12$abcdefghijklmnopqrstuu1Zq1bVvE2Qn5cR0aJm3G6xgY0rF8Wn.";
        postgres = target.startsWith("jdbc:postgresql:");
        // a bulk load of rows made consistent by construction: foreign keys are not checked row by row
        if (postgres) {
            db = DriverManager.getConnection(target + (target.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true",
                    System.getenv().getOrDefault("PGUSER", "postgres"), System.getenv().getOrDefault("PGPASSWORD", ""));
            try (Statement st = db.createStatement()) {
                st.execute("set session_replication_role = replica");
            }
        } else {
            db = DriverManager.getConnection("jdbc:h2:file:" + Path.of(target).toAbsolutePath() + "/accord;MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "accord", "accord");
            try (Statement st = db.createStatement()) {
                st.execute("set referential_integrity false");
                st.execute("set cache_size 1048576");
            }
        }
        db.setAutoCommit(false);
        loadVersions();
        learnerId = max("learner");
        accountId = max("account");
        sessionId = max("user_session");
        classId = max("classroom");
        enrolId = max("enrolment");
        assignmentId = max("assignment");
        attemptId = max("attempt");
        itemId = max("attempt_item");
        answerId = max("answer");
        stateId = max("review_state");
        logId = max("review_log");
        insLearner = db.prepareStatement("insert into learner (id, guest_token, created_at) values (?, ?, ?)");
        insAccount = db.prepareStatement("insert into account (id, username, display_name, password_hash, role, learner_id, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?)");
        insSession = db.prepareStatement("insert into user_session (id, token_hash, account_id, created_at, expires_at) values (?, ?, ?, ?, ?)");
        insAttempt = db.prepareStatement("insert into attempt (id, public_id, learner_id, mode, title, shuffle_seed, started_at, finished_at, "
                + "score, max_score, assignment_id, deadline_at, shuffle_choices) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)");
        insItem = db.prepareStatement("insert into attempt_item (id, attempt_id, position, question_version_id, shown_at) values (?, ?, ?, ?, ?)");
        insAnswer = db.prepareStatement("insert into answer (id, attempt_item_id, learner_id, question_version_id, response, score, "
                + "answered_at, duration_ms) values (?, ?, ?, ?, ?, ?, ?, ?)");
        insState = db.prepareStatement("insert into review_state (id, learner_id, question_id, stability, difficulty, reps, lapses, "
                + "last_rating, last_review_at, due_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insLog = db.prepareStatement("insert into review_log (id, learner_id, question_id, rating, source, reviewed_at, elapsed_days, "
                + "scheduled_days, stability, difficulty, retrievability, answer_id) values (?, ?, ?, ?, 'quiz', ?, 1, 1, 3.0, 5.0, 0.9, ?)");
        long t0 = System.nanoTime();

        // the dashboard learner
        long[] benchLearner = account("bench-learner", "Bench Learner", "LEARNER");
        Files.writeString(out.resolve("learner.cookie"), session(benchLearner[1]));
        long[] lastSeen = new long[versions.size()];
        for (int a = 0; a < 1000; a++) {
            Instant start = NOW.minus(60, ChronoUnit.DAYS).plusSeconds((long) a * 60 * 86400 / 1000);
            finishedAttempt(benchLearner[0], null, start, 10, true, lastSeen);
        }
        for (int v = 0; v < versions.size(); v++) {
            if (lastSeen[v] > 0) {
                reviewState(benchLearner[0], versionInfo.get(v)[0], Instant.ofEpochSecond(lastSeen[v]));
            }
        }
        flush(true);
        log("dashboard learner", t0);

        // the gradebook class: 200 students, 20 assignments in the past, every one done
        long[] teacher = account("bench-teacher", "Bench Teacher", "TEACHER");
        Files.writeString(out.resolve("teacher.cookie"), session(teacher[1]));
        String classPublic = classroom(teacher[1], "Gradebook class", "BNCH-GRAD");
        Files.writeString(out.resolve("class.id"), classPublic);
        long gradeClass = classId;
        long[] assignments = new long[20];
        for (int i = 0; i < 20; i++) {
            Instant opens = NOW.minus(40 - i, ChronoUnit.DAYS);
            assignments[i] = assignment(gradeClass, "Assignment " + (i + 1), opens, opens.plus(7, ChronoUnit.DAYS))[0] instanceof Long id ? id : 0;
        }
        for (int s = 0; s < 200; s++) {
            long[] student = account("grade-student-" + s, "Student " + s, "LEARNER");
            enrol(gradeClass, student[1]);
            for (int i = 0; i < 20; i++) {
                Instant start = NOW.minus(40 - i, ChronoUnit.DAYS).plusSeconds(3600 + R.nextInt(86400));
                attemptOf(student[0], assignments[i], start, true, null, 10);
            }
            flush(false);
        }
        flush(true);
        log("gradebook class", t0);

        // the start spike: 1,000 students and ten open assignments. The first nine spikes warm the start path up (a fresh
        // JVM runs it interpreted, then compiles it: methods called once per start reach the top compiler only after
        // thousands of starts); the last one is measured: what a server that has been running meets
        classroom(teacher[1], "Spike class", "BNCH-SPIK");
        long spikeClass = classId;
        List<String> warmUps = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            warmUps.add((String) assignment(spikeClass, "Spike warm-up " + i, NOW.minus(1, ChronoUnit.HOURS), NOW.plus(30, ChronoUnit.DAYS))[1]);
        }
        Files.writeString(out.resolve("spike.warmup"), String.join(" ", warmUps));
        String spikePublic = (String) assignment(spikeClass, "Spike assignment", NOW.minus(1, ChronoUnit.HOURS), NOW.plus(30, ChronoUnit.DAYS))[1];
        Files.writeString(out.resolve("spike.assignment"), spikePublic);
        StringBuilder spikeCookies = new StringBuilder();
        for (int s = 0; s < 1000; s++) {
            long[] student = account("spike-student-" + s, "Spike " + s, "LEARNER");
            enrol(spikeClass, student[1]);
            spikeCookies.append(session(student[1])).append('\n');
        }
        Files.writeString(out.resolve("spike.cookies"), spikeCookies);
        flush(true);
        log("spike class", t0);

        // the answer POSTs: 1,000 learners x 10 unfinished attempts x 10 questions, no two alike per learner
        int posters = 1000, perLearner = 10;
        String[][][] lines = new String[10][perLearner][posters];
        for (int p = 0; p < posters; p++) {
            long[] poster = account("poster-" + p, "Poster " + p, "LEARNER");
            String cookie = session(poster[1]);
            List<Integer> order = shuffled(versions.size());
            for (int a = 0; a < perLearner; a++) {
                String attemptPublic = UUID.randomUUID().toString();
                insAttempt(++attemptId, attemptPublic, poster[0], "practice", "Answer benchmark", NOW.minus(1, ChronoUnit.HOURS), null, null, 10, null);
                for (int pos = 1; pos <= 10; pos++) {
                    int v = order.get((a * 10 + pos - 1) % order.size());
                    item(++itemId, attemptId, pos, versions.get(v)[0], null);
                    lines[pos - 1][a][p] = "/attempts/" + attemptPublic + "/questions/" + pos + "\t" + cookie + "\t" + formBody(versionInfo.get(v)[2]);
                }
            }
            // a learner who has been practising: review states (from earlier answers or flashcards) for up to 150
            // questions, the 100 about to be answered among them, so each answer reschedules a state among others
            for (int i = 0; i < Math.min(150, order.size()); i++) {
                reviewState(poster[0], versionInfo.get(order.get(i))[0], NOW.minus(1 + R.nextInt(60), ChronoUnit.DAYS));
            }
            flush(false);
        }
        flush(true);
        StringBuilder tsv = new StringBuilder();
        for (String[][] byPos : lines) {
            for (String[] byAttempt : byPos) {
                for (String line : byAttempt) {
                    tsv.append(line).append('\n');
                }
            }
        }
        Files.writeString(out.resolve("answers.tsv"), tsv);
        log("answer POST attempts", t0);

        // bulk: guest learners with finished practice attempts up to the total
        long bulk = Math.max(0, total - answersMade);
        long perBulkLearner = Math.max(10, (bulk + 10L * learners - 1) / (10L * learners) * 10);
        for (int l = 0; l < learners && answersMade < total; l++) {
            long learner = ++learnerId;
            insLearner.setLong(1, learner);
            insLearner.setString(2, HexFormat.of().formatHex(randomBytes(24)));
            insLearner.setTimestamp(3, Timestamp.from(NOW.minus(400, ChronoUnit.DAYS)));
            insLearner.addBatch();
            long mine = Math.min(perBulkLearner, total - answersMade);
            for (long n = 0; n < mine; n += 10) {
                Instant start = NOW.minus(365, ChronoUnit.DAYS).plusSeconds(R.nextInt(365 * 86400));
                finishedAttempt(learner, null, start, (int) Math.min(10, mine - n), false, null);
            }
            flush(false);
            if (l % 10000 == 0 && l > 0) {
                log("bulk learners " + l + ", answers " + answersMade, t0);
            }
        }
        flush(true);
        for (String t : List.of("learner", "account", "user_session", "classroom", "enrolment", "assignment", "attempt",
                "attempt_item", "answer", "review_state", "review_log")) {
            try (Statement st = db.createStatement()) {
                st.execute("alter table " + t + " alter column id restart with " + (max(t) + 1));
            }
        }
        db.commit();
        progressTotals();
        log("progress totals", t0);
        try (Statement st = db.createStatement()) {
            st.execute(postgres ? "set session_replication_role = default" : "set referential_integrity true");
            st.execute("analyze");
        }
        db.commit();
        log("done: " + answersMade + " answers made", t0);
        db.close();
    }

    /**
     * Rebuilds the dashboard's running totals from the rows just written, with the very statements the
     * migration that made those tables runs on an existing history (all those below its marker line).
     */
    static void progressTotals() throws Exception {
        String migration = Files.readString(Path.of("src/main/resources/db/migration/V4__progress_totals.sql"));
        String marker = "-- totals from the existing history";
        int at = migration.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("V4__progress_totals.sql has no line starting '" + marker + "'");
        }
        try (Statement st = db.createStatement()) {
            for (String table : List.of("learner_topic_stat", "learner_topic_recent", "learner_question_stat", "learner_day")) {
                st.execute("delete from " + table);
            }
            for (String statement : migration.substring(at).replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    st.execute(statement);
                }
            }
        }
        db.commit();
    }

    static void loadVersions() throws Exception {
        Pattern type = Pattern.compile("(?m)^type: (\\w+)");
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "select id, question_id, topic, body from question_version v where version = "
                        + "(select max(version) from question_version w where w.question_id = v.question_id) order by id")) {
            while (rs.next()) {
                Matcher m = type.matcher(rs.getString(4));
                String t = m.find() ? m.group(1) : "";
                if (t.equals("single") || t.equals("multiple") || t.equals("truefalse")) {
                    versions.add(new long[] {rs.getLong(1)});
                    versionInfo.add(new String[] {rs.getString(2), rs.getString(3), t});
                }
            }
        }
        System.out.println("question versions used (single, multiple, true/false): " + versions.size());
    }

    static String formBody(String type) {
        return type.equals("truefalse") ? "answer=true" : "choice=0";
    }

    static String response(String type) {
        return type.equals("truefalse") ? "true" : "0";
    }

    /** A finished attempt of n questions, all answered; the dashboard learner's answers also get review log rows. */
    static void finishedAttempt(long learner, Long assignment, Instant start, int n, boolean logged, long[] lastSeen) throws Exception {
        attemptOf(learner, assignment, start, logged, lastSeen, n);
    }

    static void attemptOf(long learner, Long assignment, Instant start, boolean logged, long[] lastSeen, int n) throws Exception {
        long attempt = ++attemptId;
        Instant finish = start.plusSeconds(20L * n + 5);
        double score = 0;
        List<Integer> order = shuffled(versions.size());
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = R.nextDouble() < 0.7 ? 1 : 0;
            score += scores[i];
        }
        insAttempt(attempt, UUID.randomUUID().toString(), learner, assignment == null ? "practice" : "assigned",
                assignment == null ? "Practice" : "Assignment", start, finish, score, n, assignment);
        for (int i = 0; i < n; i++) {
            int v = order.get(i);
            long version = versions.get(v)[0];
            Instant shown = start.plusSeconds(20L * i);
            Instant answered = shown.plusSeconds(15);
            item(++itemId, attempt, i + 1, version, shown);
            insAnswer.setLong(1, ++answerId);
            insAnswer.setLong(2, itemId);
            insAnswer.setLong(3, learner);
            insAnswer.setLong(4, version);
            insAnswer.setString(5, response(versionInfo.get(v)[2]));
            insAnswer.setDouble(6, scores[i]);
            insAnswer.setTimestamp(7, Timestamp.from(answered));
            insAnswer.setLong(8, 15000);
            insAnswer.addBatch();
            answersMade++;
            pending++;
            if (logged) {
                insLog.setLong(1, ++logId);
                insLog.setLong(2, learner);
                insLog.setString(3, versionInfo.get(v)[0]);
                insLog.setInt(4, scores[i] == 1 ? 3 : 1);
                insLog.setTimestamp(5, Timestamp.from(answered));
                insLog.setLong(6, answerId);
                insLog.addBatch();
            }
            if (lastSeen != null) {
                lastSeen[v] = Math.max(lastSeen[v], answered.getEpochSecond());
            }
        }
    }

    static void insAttempt(long id, String publicId, long learner, String mode, String title, Instant start, Instant finish,
            Double score, int max, Long assignment) throws Exception {
        insAttempt.setLong(1, id);
        insAttempt.setString(2, publicId);
        insAttempt.setLong(3, learner);
        insAttempt.setString(4, mode);
        insAttempt.setString(5, title);
        insAttempt.setLong(6, R.nextLong());
        insAttempt.setTimestamp(7, Timestamp.from(start));
        insAttempt.setTimestamp(8, finish == null ? null : Timestamp.from(finish));
        insAttempt.setObject(9, score);
        insAttempt.setInt(10, max);
        insAttempt.setObject(11, assignment);
        insAttempt.setTimestamp(12, null);
        insAttempt.addBatch();
    }

    static void item(long id, long attempt, int position, long version, Instant shown) throws Exception {
        insItem.setLong(1, id);
        insItem.setLong(2, attempt);
        insItem.setInt(3, position);
        insItem.setLong(4, version);
        insItem.setTimestamp(5, shown == null ? null : Timestamp.from(shown));
        insItem.addBatch();
        pending++;
    }

    /** A learner with an account; returns {learner id, account id}. */
    static long[] account(String username, String name, String role) throws Exception {
        long learner = ++learnerId;
        insLearner.setLong(1, learner);
        insLearner.setString(2, null);
        insLearner.setTimestamp(3, Timestamp.from(NOW.minus(100, ChronoUnit.DAYS)));
        insLearner.addBatch();
        insLearner.executeBatch();
        insAccount.setLong(1, ++accountId);
        insAccount.setString(2, username);
        insAccount.setString(3, name);
        insAccount.setString(4, passwordHash);
        insAccount.setString(5, role);
        insAccount.setLong(6, learner);
        insAccount.setTimestamp(7, Timestamp.from(NOW.minus(100, ChronoUnit.DAYS)));
        insAccount.addBatch();
        insAccount.executeBatch();
        return new long[] {learner, accountId};
    }

    /** A session row and the cookie value the app would have set for it. */
    static String session(long account) throws Exception {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        insSession.setLong(1, ++sessionId);
        insSession.setString(2, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
        insSession.setLong(3, account);
        insSession.setTimestamp(4, Timestamp.from(NOW));
        insSession.setTimestamp(5, Timestamp.from(NOW.plus(13, ChronoUnit.DAYS)));
        insSession.executeUpdate();
        return token + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    }

    static String classroom(long teacher, String name, String code) throws Exception {
        String publicId = UUID.randomUUID().toString();
        try (PreparedStatement st = db.prepareStatement("insert into classroom (id, public_id, teacher_id, name, join_code, created_at) "
                + "values (?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, ++classId);
            st.setString(2, publicId);
            st.setLong(3, teacher);
            st.setString(4, name);
            st.setString(5, code);
            st.setTimestamp(6, Timestamp.from(NOW.minus(50, ChronoUnit.DAYS)));
            st.executeUpdate();
        }
        return publicId;
    }

    static void enrol(long classroom, long account) throws Exception {
        try (PreparedStatement st = db.prepareStatement("insert into enrolment (id, classroom_id, student_id, joined_at) values (?, ?, ?, ?)")) {
            st.setLong(1, ++enrolId);
            st.setLong(2, classroom);
            st.setLong(3, account);
            st.setTimestamp(4, Timestamp.from(NOW.minus(45, ChronoUnit.DAYS)));
            st.executeUpdate();
        }
    }

    /** A 10-question assignment drawn from every topic; returns {id, public id}. */
    static Object[] assignment(long classroom, String title, Instant opens, Instant due) throws Exception {
        String publicId = UUID.randomUUID().toString();
        try (PreparedStatement st = db.prepareStatement("insert into assignment (id, public_id, classroom_id, title, set_id, topics, tags, "
                + "difficulty, question_count, opens_at, due_at, time_limit_minutes, attempts_allowed, counting, shuffle_questions, "
                + "shuffle_choices, reveal, created_at) values (?, ?, ?, ?, null, '', '', null, 10, ?, ?, null, 1, 'HIGHEST', true, true, "
                + "'AFTER_SUBMIT', ?)")) {
            st.setLong(1, ++assignmentId);
            st.setString(2, publicId);
            st.setLong(3, classroom);
            st.setString(4, title);
            st.setTimestamp(5, Timestamp.from(opens));
            st.setTimestamp(6, Timestamp.from(due));
            st.setTimestamp(7, Timestamp.from(opens.minus(1, ChronoUnit.DAYS)));
            st.executeUpdate();
        }
        return new Object[] {assignmentId, publicId};
    }

    /** A review state last reviewed at {@code last}, due some days later. */
    static void reviewState(long learner, String questionId, Instant last) throws Exception {
        double stability = 1 + R.nextDouble() * 30;
        insState.setLong(1, ++stateId);
        insState.setLong(2, learner);
        insState.setString(3, questionId);
        insState.setDouble(4, stability);
        insState.setDouble(5, 1 + R.nextDouble() * 9);
        insState.setInt(6, 5);
        insState.setInt(7, 1);
        insState.setInt(8, 3);
        insState.setTimestamp(9, Timestamp.from(last));
        insState.setObject(10, LocalDate.ofInstant(last, ZoneOffset.UTC).plusDays((long) stability));
        insState.addBatch();
        pending++;
    }

    static void flush(boolean force) throws Exception {
        if (force || pending >= 20000) {
            insLearner.executeBatch();
            insAttempt.executeBatch();
            insItem.executeBatch();
            insAnswer.executeBatch();
            insLog.executeBatch();
            insState.executeBatch();
            db.commit();
            pending = 0;
        }
    }

    static List<Integer> shuffled(int n) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        java.util.Collections.shuffle(list, R);
        return list;
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        R.nextBytes(b);
        return b;
    }

    static long max(String table) throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select coalesce(max(id), 0) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void log(String what, long t0) {
        System.out.printf("%6.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
    }
}
