package org.accord.quiz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Another transaction holding an attempt's row until closed (or for at most {@code most}): the answer
 * writer waits on it with that attempt's answer, and answers sent meanwhile pile up behind it, to be
 * written as one batch once it is let go. On H2, hold it for less than the lock timeout (2 s unless the
 * URL sets LOCK_TIMEOUT), or the writer gives up on the row.
 */
final class RowHold implements AutoCloseable {
    private final CountDownLatch locked = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread holder;

    RowHold(EntityManager em, String attemptId, Duration most) throws InterruptedException {
        holder = new Thread(() -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("select id from attempt where public_id = ?1 for update").setParameter(1, attemptId).getResultList();
            locked.countDown();
            try {
                release.await(most.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        assertTrue(locked.await(10, TimeUnit.SECONDS), "the attempt's row is held");
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        holder.join(10_000);
    }
}
