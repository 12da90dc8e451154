package org.accord.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How long a rendered gradebook grid is shared, and when it is read again. */
class GridCacheTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final GridCache cache = new GridCache(Duration.ofSeconds(1), Clock.systemUTC());
    private final AtomicInteger renders = new AtomicInteger();

    private byte[] render() {
        return ("grid " + renders.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] grid) {
        return new String(grid, StandardCharsets.UTF_8);
    }

    @Test
    void aGridIsSharedForItsMaxAgeAndThenRenderedAgain() {
        assertEquals("grid 1", text(cache.grid(7, T0, this::render)));
        assertEquals("grid 1", text(cache.grid(7, T0.plusMillis(999), this::render)));
        assertEquals("grid 2", text(cache.grid(7, T0.plusSeconds(1), this::render)));
        assertEquals(2, renders.get());
    }

    @Test
    void eachClassHasItsOwnGrid() {
        assertEquals("grid 1", text(cache.grid(7, T0, this::render)));
        assertEquals("grid 2", text(cache.grid(8, T0, this::render)));
        assertEquals("grid 1", text(cache.grid(7, T0, this::render)));
    }

    @Test
    void theTeachersOwnChangeIsShownAtOnce() {
        cache.grid(7, T0, this::render);
        cache.forget(7);
        assertEquals("grid 2", text(cache.grid(7, T0.plusMillis(10), this::render)));
    }

    @Test
    void aRenderBegunBeforeTheTeachersChangeIsNotKept() {
        byte[] first = cache.grid(7, T0, () -> {
            cache.forget(7); // the teacher's change commits while this grid is being read
            return render();
        });
        assertEquals("grid 1", text(first), "the request that rendered it still gets it");
        assertEquals("grid 2", text(cache.grid(7, T0.plusMillis(10), this::render)), "but nobody after it");
    }

    @Test
    void aClockThatWentBackDoesNotServeAGridFromTheFuture() {
        cache.grid(7, T0, this::render);
        assertEquals("grid 2", text(cache.grid(7, T0.minusSeconds(5), this::render)));
    }

    @Test
    void sixtyFourRequestsForAColdGridRenderItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<byte[]>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return cache.grid(7, T0, () -> {
                        sleep(200);
                        return render();
                    });
                }));
            }
            go.countDown();
            for (Future<byte[]> answer : answers) {
                assertEquals("grid 1", text(answer.get(10, TimeUnit.SECONDS)));
            }
            assertEquals(1, renders.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whileANewGridRendersOthersGetTheRecentOneInsteadOfWaiting() throws Exception {
        cache.grid(7, T0, this::render);
        CountDownLatch rendering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<byte[]> renderer = pool.submit(() -> cache.grid(7, T0.plusMillis(1500), () -> {
                rendering.countDown();
                await(release);
                return render();
            }));
            assertTrue(rendering.await(5, TimeUnit.SECONDS));
            assertEquals("grid 1", text(cache.grid(7, T0.plusMillis(1600), this::render)), "1.6 s old, under twice the max age");
            release.countDown();
            assertEquals("grid 2", text(renderer.get(5, TimeUnit.SECONDS)));
            assertEquals("grid 2", text(cache.grid(7, T0.plusMillis(1700), this::render)));
            assertEquals(2, renders.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A request that read the clock a moment before the one that renders still takes that render, not one of its own. */
    @Test
    void aWaiterWhoseClockReadIsEarlierThanTheRenderersTakesItsGrid() throws Exception {
        CountDownLatch rendering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<byte[]> renderer = pool.submit(() -> cache.grid(7, T0.plusMillis(5), () -> {
                rendering.countDown();
                await(release);
                return render();
            }));
            assertTrue(rendering.await(5, TimeUnit.SECONDS));
            AtomicReference<Thread> waiting = new AtomicReference<>();
            Future<byte[]> waiter = pool.submit(() -> {
                waiting.set(Thread.currentThread());
                return cache.grid(7, T0, this::render);
            });
            // the render is let go only once the waiter waits for it (the only place its thread can wait)
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((waiting.get() == null || waiting.get().getState() != Thread.State.WAITING) && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertEquals(Thread.State.WAITING, waiting.get().getState(), "the second request waits for the render");
            release.countDown();
            assertEquals("grid 1", text(renderer.get(5, TimeUnit.SECONDS)));
            assertEquals("grid 1", text(waiter.get(5, TimeUnit.SECONDS)));
            assertEquals(1, renders.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noMoreThanTwoClassesAreRenderedAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> grids = new ArrayList<>();
            for (long classId = 1; classId <= 8; classId++) {
                long id = classId;
                grids.add(pool.submit(() -> cache.grid(id, T0, () -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(100);
                    running.decrementAndGet();
                    return render();
                })));
            }
            for (Future<byte[]> grid : grids) {
                grid.get(10, TimeUnit.SECONDS);
            }
            assertEquals(8, renders.get());
            assertEquals(GridCache.RENDERS, most.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
