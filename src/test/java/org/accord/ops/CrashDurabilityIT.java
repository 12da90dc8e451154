package org.accord.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged app on an H2 file, killed with {@code kill -9} while 32 guests answer: after a restart every
 * answer it acknowledged is in the database and no attempt is damaged. Two rounds of
 * {@code bench/kill-test.sh}, the same script the README's 20-round figures come from, with H2's own file
 * writes delayed by a minute: the group commit ({@link DurableWrites}) is what makes this pass.
 */
class CrashDurabilityIT {

    @Test
    void answersTheAppAcknowledgedSurviveAKillMidQuiz() throws IOException, InterruptedException {
        Path log = Files.createTempFile("kill-test", ".log");
        ProcessBuilder kill = new ProcessBuilder("bash", "bench/kill-test.sh", "2", "32")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // H2 left to itself writes its file only once a minute here, so an answer acknowledged without the
        // group commit's CHECKPOINT is all but certain to be lost: the test cannot pass by luck
        kill.environment().put("H2_URL_OPTIONS", ";WRITE_DELAY=60000");
        Process run = kill.start();
        boolean ended = run.waitFor(10, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!ended) {
            run.destroyForcibly();
        }
        assertTrue(ended, "the kill test did not end in 10 minutes:\n" + output);
        assertEquals(0, run.exitValue(), output);
        assertTrue(output.contains("VERDICT: PASS") && output.matches("(?s).*total: [1-9]\\d* acknowledged answers, 0 lost.*"),
                output);
        Files.delete(log);
    }
}
