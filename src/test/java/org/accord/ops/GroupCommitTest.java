package org.accord.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The group commit's promise: nobody is released by a flush that may have begun before their commit. */
class GroupCommitTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A flush that blocks until the test lets it finish, counting how many ran. */
    private static final class GatedFlush implements GroupCommit.Flush {
        final Semaphore began = new Semaphore(0);
        final Semaphore mayFinish = new Semaphore(0);
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public void run() throws InterruptedException {
            runs.incrementAndGet();
            began.release();
            mayFinish.acquire();
        }
    }

    @Test
    void aCallerArrivingDuringAFlushWaitsForTheNextOne() throws Exception {
        GatedFlush flush = new GatedFlush();
        GroupCommit group = new GroupCommit(flush);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> await(group), threads);
        assertTrue(flush.began.tryAcquire(5, TimeUnit.SECONDS), "the first caller flushes");
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> await(group), threads);
        Thread.sleep(100);
        flush.mayFinish.release();
        first.get(5, TimeUnit.SECONDS);
        // the first flush may have read the file's state before the second caller's commit
        assertTrue(flush.began.tryAcquire(5, TimeUnit.SECONDS), "a second flush runs for the second caller");
        assertFalse(second.isDone(), "the second caller is not released by the flush that was running when it came");
        flush.mayFinish.release();
        second.get(5, TimeUnit.SECONDS);
        assertEquals(2, flush.runs.get());
    }

    @Test
    void oneFlushServesEveryoneWhoQueuedDuringThePreviousOne() throws Exception {
        GatedFlush flush = new GatedFlush();
        GroupCommit group = new GroupCommit(flush);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> await(group), threads);
        assertTrue(flush.began.tryAcquire(5, TimeUnit.SECONDS));
        Queue<Thread> callers = new ConcurrentLinkedQueue<>();
        CompletableFuture<?>[] later = new CompletableFuture<?>[20];
        for (int i = 0; i < later.length; i++) {
            later[i] = CompletableFuture.runAsync(() -> {
                callers.add(Thread.currentThread());
                await(group);
            }, threads);
        }
        // every caller is waiting inside the group commit (the only place these threads wait) before the flush ends
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((callers.size() < later.length || !callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING))
                && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(later.length, callers.stream().filter(t -> t.getState() == Thread.State.WAITING).count(),
                "all twenty callers queued");
        flush.mayFinish.release(2);
        first.get(5, TimeUnit.SECONDS);
        CompletableFuture.allOf(later).get(5, TimeUnit.SECONDS);
        assertEquals(2, flush.runs.get(), "twenty callers who queued together share one flush");
    }

    @Test
    void aFailedFlushIsReportedAndTheNextCallerFlushesAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        GroupCommit group = new GroupCommit(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new java.io.IOException("disk full");
            }
        });
        assertThrows(java.io.IOException.class, group::awaitDurable);
        group.awaitDurable();
        assertEquals(2, runs.get());
    }

    private static void await(GroupCommit group) {
        try {
            group.awaitDurable();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
