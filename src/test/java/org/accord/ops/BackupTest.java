package org.accord.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.accord.bank.BankStore;
import org.accord.quiz.AttemptKeys;
import org.accord.web.WebSession;
import org.h2.Driver;
import org.junit.jupiter.api.Test;

/** An online backup of a running app, restored with ops/restore.sh into a new folder, holds the learner's answers. */
@QuarkusTest
@TestProfile(BackupTest.FileDatabase.class)
class BackupTest {

    static final Path DIR = Path.of("target", "backup-test").toAbsolutePath();
    static final String TOKEN = "a-test-admin-token-of-some-length";

    /** BACKUP TO needs a database on disk, not the in-memory one the other tests use; its URL is the app's own (delayed writes, group commit). */
    public static class FileDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = "jdbc:h2:file:" + DIR.resolve("data-" + ProcessHandle.current().pid()).resolve("accord")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;CACHE_SIZE=8192";
            return Map.of("%test.quarkus.datasource.jdbc.url", url, "quarkus.datasource.jdbc.url", url,
                    "accord.admin.token", TOKEN, "accord.backup.dir", DIR.resolve("backups").toString());
        }
    }

    @Inject
    BankStore bank;

    @Test
    void aBackupTakenWhileTheAppRunsRestoresWithTheAnswersInIt() throws Exception {
        WebSession guest = new WebSession();
        Response started = guest.post("/", "/practice", Map.of("topic", List.of("founders"), "count", List.of("3")));
        assertEquals(303, started.statusCode());
        String attemptId = started.header("Location").replaceAll(".*/attempts/([0-9a-f-]{36})/.*", "$1");
        String question = "/attempts/" + attemptId + "/questions/1";
        assertEquals(303, guest.post(question, question, AttemptKeys.correctForm(AttemptKeys.slot(bank, attemptId, 1))).statusCode());

        Response backedUp = admin().header(BackupResource.TOKEN_HEADER, TOKEN).post("/admin/backup");
        assertEquals(200, backedUp.statusCode(), backedUp.asString());
        Path zip = Path.of(backedUp.asString().strip());
        assertTrue(zip.getFileName().toString().matches("accord-\\d{8}T\\d{6}Z(-\\d+)?\\.zip"), zip.toString());
        assertEquals(DIR.resolve("backups"), zip.getParent());

        Path restored = DIR.resolve("restored-" + System.nanoTime());
        ProcessBuilder script = new ProcessBuilder("bash", "ops/restore.sh", zip.toString(), restored.toString()).redirectErrorStream(true);
        // during `mvn verify` the packaged app (and its H2 jar) may not exist yet: use the test class path's
        script.environment().put("H2_JAR", h2Jar());
        Process restore = script.start();
        String output = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, restore.waitFor(), output);

        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + restored.resolve("accord")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE", "accord", "accord");
                PreparedStatement q = db.prepareStatement("SELECT i.position, n.score FROM attempt a "
                        + "JOIN attempt_item i ON i.attempt_id = a.id JOIN answer n ON n.attempt_item_id = i.id WHERE a.public_id = ?")) {
            q.setString(1, attemptId);
            try (ResultSet answers = q.executeQuery()) {
                assertTrue(answers.next(), "the restored database has the answer given before the backup");
                assertEquals(1, answers.getInt(1));
                assertEquals(1.0, answers.getDouble(2));
                assertTrue(!answers.next(), "and only that one");
            }
        }
    }

    @Test
    void restoreRefusesToOverwriteAnExistingDatabase() throws IOException, InterruptedException {
        Path existing = Files.createDirectories(DIR.resolve("existing-" + System.nanoTime()));
        Files.writeString(existing.resolve("accord.mv.db"), "not to be overwritten");
        Path zip = Files.writeString(DIR.resolve("any.zip"), "");
        Process restore = new ProcessBuilder("bash", "ops/restore.sh", zip.toString(), existing.toString()).redirectErrorStream(true).start();
        String output = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, restore.waitFor(), output);
        assertEquals("not to be overwritten", Files.readString(existing.resolve("accord.mv.db")));
    }

    @Test
    void aWrongOrMissingTokenIsRefusedAndWritesNothing() throws IOException {
        long before = backups();
        assertEquals(403, admin().post("/admin/backup").statusCode());
        assertEquals(403, admin().header(BackupResource.TOKEN_HEADER, TOKEN + "x").post("/admin/backup").statusCode());
        assertEquals(before, backups());
    }

    private static long backups() throws IOException {
        Path dir = DIR.resolve("backups");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }

    static String h2Jar() throws Exception {
        return Path.of(Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** How ops/backup.sh calls: a CSRF token and its cookie from the home page, a form post, the admin token in a header. */
    static io.restassured.specification.RequestSpecification admin() {
        WebSession session = new WebSession();
        String csrf = session.csrfToken("/");
        return session.request().contentType("application/x-www-form-urlencoded").formParam("csrf-token", csrf);
    }
}
