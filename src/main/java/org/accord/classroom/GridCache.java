package org.accord.classroom;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.accord.web.AccordConfig;

/**
 * Rendered gradebook grids (UTF-8 HTML), one per class, each shared by every request for up to {@code maxAge}.
 * A class of 200 with 20 assignments is a 700 KB grid that takes tens of milliseconds to read and
 * render; a teacher refreshing it, or a projector and a laptop both showing it, should not each pay
 * for that, and 64 renders of it at once do not fit in a small heap. Only one request renders a
 * class's grid at a time: the others are served the previous grid if it is under {@code 2 x maxAge}
 * old, or wait for the new one. Grids are dropped once too old to serve, so memory holds only the
 * classes viewed in the last moments.
 */
@Singleton
public class GridCache {

    private record Grid(byte[] html, Instant renderedAt) {
    }

    /** A class's last grid; {@code rendering} and {@code generation} are guarded by the slot's monitor. */
    private static final class Slot {
        volatile Grid grid;
        boolean rendering;
        /** Moved on by {@link #forget}: a render begun before it is not kept. */
        long generation;
    }

    private final Duration maxAge;
    private final Map<Long, Slot> slots = new ConcurrentHashMap<>();
    private volatile Instant lastSweep = Instant.EPOCH;

    private final Clock clock;

    @Inject
    GridCache(AccordConfig config, Clock clock) {
        this(config.gradebook().maxAge(), clock);
    }

    GridCache(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The class's grid, by the app's clock. */
    byte[] grid(Classroom classroom, Supplier<byte[]> render) {
        return grid(classroom.id, clock.instant(), render);
    }

    void forget(Classroom classroom) {
        forget(classroom.id);
    }

    /** The class's grid, no older than {@code maxAge} (or {@code 2 x maxAge} while another is being rendered). */
    byte[] grid(long classId, Instant now, Supplier<byte[]> render) {
        sweep(now);
        Slot slot = slots.computeIfAbsent(classId, id -> new Slot());
        Grid grid = slot.grid;
        if (youngerThan(grid, now, maxAge)) {
            return grid.html();
        }
        long generation;
        synchronized (slot) {
            while (slot.rendering) {
                grid = slot.grid;
                if (youngerThan(grid, now, maxAge.multipliedBy(2))) {
                    return grid.html();
                }
                try {
                    slot.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the gradebook", e);
                }
            }
            grid = slot.grid;
            if (youngerThan(grid, now, maxAge)) {
                return grid.html();
            }
            slot.rendering = true;
            generation = slot.generation;
        }
        byte[] html = null;
        try {
            html = render.get();
            return html;
        } finally {
            synchronized (slot) {
                if (html != null && generation == slot.generation) {
                    slot.grid = new Grid(html, now);
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

    /** Frees the grids too old to be served again, at most once per {@code maxAge}. */
    private void sweep(Instant now) {
        if (now.isBefore(lastSweep.plus(maxAge))) {
            return;
        }
        lastSweep = now;
        slots.values().removeIf(slot -> !youngerThan(slot.grid, now, maxAge.multipliedBy(2)) && !isRendering(slot));
    }

    private static boolean isRendering(Slot slot) {
        synchronized (slot) {
            return slot.rendering;
        }
    }

    private static boolean youngerThan(Grid grid, Instant now, Duration age) {
        return grid != null && !now.isBefore(grid.renderedAt()) && now.isBefore(grid.renderedAt().plus(age));
    }
}
