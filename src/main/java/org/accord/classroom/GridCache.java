package org.accord.classroom;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.ref.SoftReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.accord.web.AccordConfig;

/**
 * Rendered gradebook grids (UTF-8 HTML), one per class, each shared by every request for up to {@code maxAge}.
 * A class of 200 with 20 assignments is a 700 KB grid that takes tens of milliseconds to read and
 * render; a teacher refreshing it, or a projector and a laptop both showing it, should not each pay
 * for that, and 64 renders of it at once do not fit in a small heap.
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

    private record Grid(SoftReference<byte[]> html, Instant renderedAt) {
        Shared shared() {
            byte[] bytes = html.get();
            return bytes == null ? null : new Shared(bytes, renderedAt);
        }
    }

    /** A class's grid and when it was read from the database. */
    record Shared(byte[] html, Instant renderedAt) {
    }

    /** A class's last grid; every field but {@code grid} is guarded by the slot's monitor. */
    private static final class Slot {
        volatile Grid grid;
        boolean rendering;
        /** Moved on by {@link #forget}: a render begun before it is not kept. */
        long generation;
        /** Grids stored so far: a waiter that sees it move knows the grid was rendered after it came. */
        long stored;
    }

    private final Duration maxAge;
    private final Clock clock;
    private final Map<Long, Slot> slots = new ConcurrentHashMap<>();
    private final Semaphore renders = new Semaphore(RENDERS, true);
    private volatile Instant lastSweep = Instant.EPOCH;

    @Inject
    GridCache(AccordConfig config, Clock clock) {
        this(config.gradebook().maxAge(), clock);
    }

    GridCache(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The class's grid, by the app's clock. */
    Shared grid(Classroom classroom, Supplier<byte[]> render) {
        return shared(classroom.id, clock.instant(), render);
    }

    void forget(Classroom classroom) {
        forget(classroom.id);
    }

    /** The class's grid, no older than {@code maxAge} (or {@code 2 x maxAge} while another is being rendered). */
    byte[] grid(long classId, Instant now, Supplier<byte[]> render) {
        return shared(classId, now, render).html();
    }

    private Shared shared(long classId, Instant now, Supplier<byte[]> render) {
        sweep(now);
        Slot slot = slots.computeIfAbsent(classId, id -> new Slot());
        Shared html = youngerThan(slot.grid, now, maxAge);
        if (html != null) {
            return html;
        }
        long generation;
        synchronized (slot) {
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
        byte[] rendered = null;
        try {
            renders.acquireUninterruptibly();
            try {
                rendered = render.get();
            } finally {
                renders.release();
            }
            return new Shared(rendered, now);
        } finally {
            synchronized (slot) {
                if (rendered != null && generation == slot.generation) {
                    slot.grid = new Grid(new SoftReference<>(rendered), now);
                    slot.stored++;
                }
                slot.rendering = false;
                slot.notifyAll();
            }
        }
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

    /** Frees the grids too old to be served again, at most once per {@code maxAge} (and after the clock steps back). */
    private void sweep(Instant now) {
        Instant last = lastSweep;
        if (!now.isBefore(last) && now.isBefore(last.plus(maxAge))) {
            return;
        }
        lastSweep = now;
        slots.values().removeIf(slot -> youngerThan(slot.grid, now, maxAge.multipliedBy(2)) == null && !isRendering(slot));
    }

    private static boolean isRendering(Slot slot) {
        synchronized (slot) {
            return slot.rendering;
        }
    }

    /** The grid's bytes if it was rendered less than {@code age} before {@code now} (and not after it), else null. */
    private static Shared youngerThan(Grid grid, Instant now, Duration age) {
        if (grid == null || now.isBefore(grid.renderedAt()) || !now.isBefore(grid.renderedAt().plus(age))) {
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
