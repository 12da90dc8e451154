package org.accord.classroom;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.ref.SoftReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.accord.web.AccordConfig;
import org.accord.web.PageCache;

/**
 * Rendered gradebook grids (UTF-8 HTML), one per class, each shared by every request for up to {@code maxAge}.
 * A class of 200 with 20 assignments is a 700 KB grid that takes tens of milliseconds to read and
 * render; a teacher refreshing it, or a projector and a laptop both showing it, should not each pay
 * for that, and 64 renders of it at once do not fit in a small heap.
 *
 * <p>A grid older than {@code maxAge} is not rendered again if nothing it shows changed: none of the
 * class's students wrote anything, nobody joined or left, no account or assignment changed (all seen
 * by {@link PageCache} on this instance), and no due time or time limit it depends on has passed. It is
 * then only checked, and kept for up to {@code unchangedMaxAge}, which bounds how late another
 * instance's writes show. Past that, and up to twice that, a quiet grid is still served while one
 * render, in the background, reads it again. A teacher keeping the gradebook open on a quiet class
 * costs a read every half-minute, and no view waits for it.
 *
 * <p>Only one request renders a class's grid at a time: the others are served the previous grid if it
 * is under {@code 2 x maxAge} old, or wait for the new one. At most {@link #RENDERS} grids of
 * different classes are rendered at once. Grids are held by soft references, so the memory they take
 * is given back before the heap runs out, and dropped once too old to serve.
 */
@Singleton
public class GridCache {

    /** Renders of different classes' grids at the same time: each needs several megabytes while it runs. */
    static final int RENDERS = 2;

    /**
     * A grid read under {@code watch}; {@code checkedAt} is when it was last known to be current. Without
     * {@code learners} (or a watch) it is never checked, only rendered again.
     */
    private record Grid(SoftReference<byte[]> html, Instant renderedAt, Instant checkedAt, PageCache.Watch watch,
            long[] learners, Instant changesAt) {
        Shared shared() {
            byte[] bytes = html.get();
            return bytes == null ? null : new Shared(bytes, checkedAt);
        }
    }

    /** A class's grid and when it was last known to match the database. */
    record Shared(byte[] html, Instant checkedAt) {
    }

    /**
     * A grid just rendered: its UTF-8 HTML, the learners whose work it shows, and the first moment the
     * clock alone changes it (a due time, an attempt's time limit), or null.
     */
    record Rendered(byte[] html, long[] learners, Instant changesAt) {
    }

    /** A class's last grid; every field but {@code grid} is guarded by the slot's monitor. */
    private static final class Slot {
        volatile Grid grid;
        boolean rendering;
        /** Moved on by {@link #forget}: a render begun before it is not kept. */
        long generation;
        /** Grids stored so far: a waiter that sees it move knows the grid was rendered after it came. */
        long stored;
        /** Taken out of the map by {@link #sweep}: a request that got it just before takes the class's new slot. */
        boolean removed;
    }

    private final Duration maxAge;
    private final Duration unchangedMaxAge;
    private final Clock clock;
    /** What grids were read under; null: every grid older than maxAge is rendered again. */
    private final PageCache pages;
    private final LongAdder rendered = new LongAdder();
    /** Where a quiet class's grid is read again after unchangedMaxAge (see {@link #quiet}): the app's worker threads. */
    private final Executor background = Infrastructure.getDefaultWorkerPool();
    private final Map<Long, Slot> slots = new ConcurrentHashMap<>();
    private final Semaphore renders = new Semaphore(RENDERS, true);
    private volatile Instant lastSweep = Instant.EPOCH;

    @Inject
    GridCache(AccordConfig config, Clock clock, PageCache pages) {
        this(config.gradebook().maxAge(), config.gradebook().unchangedMaxAge(), clock, pages);
    }

    GridCache(Duration maxAge, Clock clock) {
        this(maxAge, maxAge, clock, null);
    }

    private GridCache(Duration maxAge, Duration unchangedMaxAge, Clock clock, PageCache pages) {
        this.maxAge = maxAge;
        this.unchangedMaxAge = unchangedMaxAge;
        this.clock = clock;
        this.pages = pages;
    }

    /** The class's grid, by the app's clock. */
    Shared grid(Classroom classroom, Supplier<Rendered> render) {
        return shared(classroom.id, clock.instant(), render);
    }

    /** Grids rendered so far (the gradebook test counts them). */
    long rendered() {
        return rendered.sum();
    }

    void forget(Classroom classroom) {
        forget(classroom.id);
    }

    /** The class's grid, no older than {@code maxAge} (or {@code 2 x maxAge} while another is being rendered). */
    byte[] grid(long classId, Instant now, Supplier<byte[]> render) {
        return shared(classId, now, () -> new Rendered(render.get(), null, null)).html();
    }

    private Shared shared(long classId, Instant now, Supplier<Rendered> render) {
        sweep(now);
        while (true) {
            Slot slot = slots.computeIfAbsent(classId, id -> new Slot());
            Shared html = youngerThan(slot.grid, now, maxAge);
            if (html != null) {
                return html;
            }
            long generation;
            synchronized (slot) {
                if (slot.removed) {
                    continue; // swept since the lookup: a render kept in it would reach nobody
                }
                html = unchanged(slot, now);
                if (html != null) {
                    return html;
                }
                // nothing changed here, but it was read too long ago (another instance may have written): for up to
                // twice unchangedMaxAge it is served as it is while one render, off this request, reads it again, so
                // no view waits for a class that is quiet
                html = recheckable(slot.grid, now) ? quiet(slot.grid, now) : null;
                if (html != null) {
                    if (!slot.rendering) {
                        slot.rendering = true;
                        long current = slot.generation;
                        try {
                            background.execute(() -> {
                                try {
                                    render(slot, current, clock.instant(), render);
                                } catch (RuntimeException e) {
                                    Log.warnf(e, "reading the gradebook of class %d again", classId);
                                }
                            });
                        } catch (RejectedExecutionException e) {
                            slot.rendering = false; // shutting down: the next view reads it itself
                        }
                    }
                    return html;
                }
                long storedBefore = slot.stored;
                while (slot.rendering) {
                    html = youngerThan(slot.grid, now, maxAge.multipliedBy(2));
                    if (html != null) {
                        return html;
                    }
                    await(slot);
                }
                Grid grid = slot.grid;
                html = grid == null ? null : grid.shared();
                // a grid stored while this request waited was read after it came, whatever the clock says
                if (html != null && slot.stored != storedBefore) {
                    return html;
                }
                html = youngerThan(grid, now, maxAge);
                if (html != null) {
                    return html;
                }
                slot.rendering = true;
                generation = slot.generation;
            }
            return new Shared(render(slot, generation, now, render).html(), now);
        }
    }

    /** Renders the grid and keeps it unless the class changed meanwhile; the caller has set {@code slot.rendering}. */
    private Rendered render(Slot slot, long generation, Instant now, Supplier<Rendered> render) {
        Rendered grid = null;
        PageCache.Watch watch = null;
        try {
            renders.acquireUninterruptibly();
            try {
                // taken before the reads: a write made while they run is a change the next check sees
                watch = pages == null ? null : pages.watch();
                grid = render.get();
            } finally {
                renders.release();
            }
            return grid;
        } finally {
            synchronized (slot) {
                if (grid != null && generation == slot.generation) {
                    slot.grid = new Grid(new SoftReference<>(grid.html()), now, now, watch, grid.learners(), grid.changesAt());
                    slot.stored++;
                }
                if (grid != null) {
                    rendered.increment(); // counted once kept, so whoever sees the count finds the grid
                }
                slot.rendering = false;
                slot.notifyAll();
            }
        }
    }

    /**
     * The slot's grid, marked as checked now, if it is past {@code maxAge} but nothing it shows has changed
     * (see the class comment); else null. Called holding the slot's monitor.
     */
    private Shared unchanged(Slot slot, Instant now) {
        Grid grid = slot.grid;
        Shared html = quiet(grid, now);
        if (html == null || !now.isBefore(grid.renderedAt().plus(unchangedMaxAge))) {
            return null;
        }
        slot.grid = new Grid(grid.html(), grid.renderedAt(), now, grid.watch(), grid.learners(), grid.changesAt());
        return html;
    }

    /**
     * The grid, as of now, if nothing it shows changed on this instance since it was read (no write seen to
     * its students or to everyone, no due time or time limit in it passed), however long ago that was; else null.
     */
    private Shared quiet(Grid grid, Instant now) {
        if (grid == null || grid.watch() == null || grid.learners() == null || now.isBefore(grid.checkedAt())
                || (grid.changesAt() != null && !now.isBefore(grid.changesAt()))
                || !pages.unchanged(grid.watch(), grid.learners())) {
            return null;
        }
        byte[] html = grid.html().get();
        return html == null ? null : new Shared(html, now);
    }

    /** Drops a class's grid, after its teacher changed what it shows (an assignment set, a student removed). */
    void forget(long classId) {
        Slot slot = slots.get(classId);
        if (slot != null) {
            synchronized (slot) {
                slot.grid = null;
                slot.generation++;
            }
        }
    }

    /** Frees the grids too old to be served or checked again, at most once per {@code maxAge} (and after the clock steps back). */
    private void sweep(Instant now) {
        Instant last = lastSweep;
        if (!now.isBefore(last) && now.isBefore(last.plus(maxAge))) {
            return;
        }
        lastSweep = now;
        slots.values().removeIf(slot -> {
            synchronized (slot) {
                if (slot.rendering || youngerThan(slot.grid, now, maxAge.multipliedBy(2)) != null || recheckable(slot.grid, now)) {
                    return false;
                }
                slot.removed = true;
                return true;
            }
        });
    }

    /** Whether the grid may still be found unchanged and served while, or without, being read again. */
    private boolean recheckable(Grid grid, Instant now) {
        return grid != null && grid.watch() != null && grid.learners() != null && !now.isBefore(grid.renderedAt())
                && now.isBefore(grid.renderedAt().plus(unchangedMaxAge.multipliedBy(2))) && grid.html().get() != null;
    }

    /** The grid's bytes if it was checked less than {@code age} before {@code now} (and not after it), else null. */
    private static Shared youngerThan(Grid grid, Instant now, Duration age) {
        if (grid == null || now.isBefore(grid.checkedAt()) || !now.isBefore(grid.checkedAt().plus(age))) {
            return null;
        }
        return grid.shared();
    }

    private static void await(Object monitor) {
        try {
            monitor.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the gradebook", e);
        }
    }
}
