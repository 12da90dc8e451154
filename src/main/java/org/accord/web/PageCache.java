package org.accord.web;

import io.netty.buffer.Unpooled;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rendered pages (a question of an attempt, the progress dashboard, a teacher's gradebook), kept for a few
 * seconds and served again on the event loop without a worker thread or the database: a reload, the back
 * button or a burst of requests for the same page costs a map lookup.
 *
 * <p>A kept page is served only to a request with the very {@code Cookie} header it was rendered for
 * (session or guest, and CSRF), so it never reaches anyone else. It stops being served when anything it was read from may have
 * changed: every write to a learner's attempts, answers, reviews and totals moves that learner's
 * generation once its transaction has ended ({@link LearnerWrites}, {@link #learnerChanged}); a log-out
 * or a change to an account or an assignment moves the epoch every page was read under
 * ({@link EveryoneWrites}, {@link #everyoneChanged}); and each page names the moment it goes stale by
 * itself (a deadline, midnight). A page whose reads began before such a change is not kept.
 *
 * <p>Only one request renders a page at a time: the same requests (same address, same cookies) that come
 * meanwhile wait for it and get what it kept, or, when it kept nothing, go on to render their own.
 *
 * <p>These changes are seen by this instance only: where several instances share a PostgreSQL database
 * without sticky sessions, a learner can see a page up to twice {@code accord.page-cache.max-age} old. See
 * README, "Page cache".
 */
@Singleton
public class PageCache {

    /** Learners share generation slots by id: a change to one learner drops the pages of a few others too. */
    private static final int SLOTS = 4096;
    /** What every kept page is, as Quarkus REST sends a {@code byte[]} from a resource producing HTML. */
    private static final String HTML = "text/html;charset=UTF-8";
    private static final String TICKET = "accord.page-cache.epoch";

    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLongArray generations = new AtomicLongArray(SLOTS);
    private final Map<Key, Entry> pages = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final Map<Key, Render> renders = new ConcurrentHashMap<>();
    private final LongAdder passedOn = new LongAdder();

    @Inject
    AccordConfig config;

    @Inject
    Clock clock;

    @Inject
    CurrentVertxRequest currentRequest;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-name")
    String csrfCookie;

    /**
     * What identifies one rendering of a page: its address and the request's cookies exactly as sent (the
     * session or guest cookie and the CSRF cookie among them), compared as they are, unparsed.
     */
    record Key(String path, String cookies) {
    }

    /**
     * A kept page: served as it is until {@code freshUntil}; after that, while one request renders it anew,
     * the others are still served this one, until {@code lastUntil} (twice the max age, or the page's own
     * deadline) at the latest. Without that, every request of a busy page would render it at once.
     */
    private record Entry(Buffer body, int size, long epoch, int slot, long generation, Instant freshUntil, Instant lastUntil,
            AtomicBoolean renewing) {
    }

    /** Proof that a page's reads began at a given epoch and learner generation; made before the reads. */
    public record Ticket(Key key, long epoch, int slot, long generation) {
    }

    void routes(@Observes Router router) {
        if (!enabled()) {
            return;
        }
        // ahead of Quarkus REST, which would hand the request to a worker thread; prefixes match without a regex
        router.get("/attempts/*").order(-100).handler(this::serve);
        router.get("/progress").order(-100).handler(this::serve);
        router.get("/teacher/classes/*").order(-100).handler(this::serve);
    }

    private boolean enabled() {
        return !config.pageCache().maxAge().isZero() && config.pageCache().maxBytes() > 0;
    }

    /** On the event loop: answers from a kept page if one is good for this request, else passes it on. */
    void serve(RoutingContext ctx) {
        Key key = key(ctx.request());
        Entry entry = pages.get(key);
        boolean renewal = false;
        if (entry != null) {
            Instant now = clock.instant();
            if (!current(entry) || !now.isBefore(entry.lastUntil())) {
                drop(key, entry);
            } else if (now.isBefore(entry.freshUntil()) || !entry.renewing().compareAndSet(false, true)) {
                send(ctx, entry);
                return;
            } else {
                renewal = true; // this request renders the page anew; the others are served this one meanwhile
            }
        }
        if (!renewal && keepable(ctx.request().path()) && key.cookies().contains(csrfCookie + "=")) {
            // nothing to serve: one request renders the page, the same requests meanwhile wait for it
            Render render = new Render();
            Render running = renders.putIfAbsent(key, render);
            if (running != null && running.await(ctx)) {
                return;
            }
            // a render that ended since the lookup above (its page kept, its waiters released) is not waited for:
            // what it kept is served, so a request arriving just then does not render the page a second time
            Entry kept = pages.get(key);
            if (kept != null && current(kept) && clock.instant().isBefore(kept.freshUntil())) {
                if (running == null) {
                    released(key, render);
                }
                send(ctx, kept);
                return;
            }
            if (running == null) {
                ctx.addEndHandler(ended -> released(key, render));
            }
        }
        passOn(ctx);
    }

    /**
     * The pages that may be kept, of those the routes above catch by prefix: only requests for these wait
     * for another's render (a result page, a CSV export or a class page is never kept, so waiting would
     * only delay it).
     */
    static boolean keepable(String path) {
        return path.equals("/progress")
                || path.startsWith("/attempts/") && path.matches("/attempts/[^/]+/questions/[^/]+")
                || path.startsWith("/teacher/classes/") && path.endsWith("/gradebook");
    }

    private static void send(RoutingContext ctx, Entry entry) {
        ctx.response().putHeader("Content-Type", HTML).end(entry.body());
    }

    private void passOn(RoutingContext ctx) {
        passedOn.increment();
        // read before the request resolves its session or reads anything, so a change racing it is noticed
        ctx.put(TICKET, epoch.get());
        ctx.next();
    }

    /** Once the request rendering a page has answered: its waiters get the kept page, or render their own. */
    private void released(Key key, Render render) {
        renders.remove(key, render);
        for (Waiter waiter : render.finish()) {
            waiter.context().runOnContext(v -> {
                Entry entry = pages.get(key);
                if (entry != null && current(entry) && clock.instant().isBefore(entry.lastUntil())) {
                    send(waiter.ctx(), entry);
                } else {
                    passOn(waiter.ctx()); // the page was not kept (a redirect, an error, a timer): each its own
                }
            });
        }
    }

    /** Requests (same address, same cookies) waiting for the one that renders their page. */
    private static final class Render {
        private final List<Waiter> waiters = new ArrayList<>();
        private boolean finished;

        synchronized boolean await(RoutingContext ctx) {
            Context context = Vertx.currentContext();
            if (finished || context == null) {
                return false;
            }
            waiters.add(new Waiter(ctx, context));
            return true;
        }

        synchronized List<Waiter> finish() {
            finished = true;
            return List.copyOf(waiters);
        }
    }

    private record Waiter(RoutingContext ctx, Context context) {
    }

    /** Requests passed on to be rendered: what the cache did not answer itself. */
    long passedOn() {
        return passedOn.sum();
    }

    /**
     * Taken by a page before it reads the learner's data; null where the page may not be kept (the cache
     * is off, the request did not pass {@link #serve}, or it carries no CSRF cookie, so the page holds a
     * token just made for it).
     */
    public Ticket ticket(long learnerId) {
        RoutingContext ctx = currentRequest.getCurrent();
        Long startEpoch = ctx == null ? null : ctx.get(TICKET);
        if (startEpoch == null || ctx.request().getCookie(csrfCookie) == null) {
            return null;
        }
        Key key = key(ctx.request());
        int slot = slot(learnerId);
        return new Ticket(key, startEpoch, slot, generations.get(slot));
    }

    /** The epoch now: what a request that will keep a page at another address takes before it reads anything. */
    public long epoch() {
        return epoch.get();
    }

    /**
     * A ticket for the page at {@code path} as this request's redirect will ask for it, with this request's cookies:
     * for a POST that builds that page from what it has just committed itself (a Start, its first question). The
     * epoch is the one the request took before its reads ({@link #epoch()}); the learner's generation is taken now,
     * after the commit moved it, so a later change still stops the page being kept. Null where no page may be kept.
     */
    public Ticket ticketFor(String path, long learnerId, long epochBeforeReads) {
        RoutingContext ctx = currentRequest.getCurrent();
        if (!enabled() || ctx == null || ctx.request().getCookie(csrfCookie) == null || !keepable(path)) {
            return null;
        }
        int slot = slot(learnerId);
        return new Ticket(new Key(path, key(ctx.request()).cookies()), epochBeforeReads, slot, generations.get(slot));
    }

    /**
     * Keeps a page rendered under {@code ticket} for the max age (twice that while it is rendered anew), never
     * past {@code staleAt}, if nothing it was read from changed since the ticket.
     */
    public void store(Ticket ticket, byte[] body, Instant staleAt) {
        Instant now = clock.instant();
        Duration maxAge = config.pageCache().maxAge();
        store(ticket, earlier(now.plus(maxAge), staleAt), earlier(now.plus(maxAge.multipliedBy(2)), staleAt), body);
    }

    /**
     * Keeps a page that holds data shared for a while (the gradebook's grid): served as it is until
     * {@code freshUntil}, and while it is rendered anew until {@code lastUntil}; never longer than this
     * cache's own max age allows. The page is given in parts, which are joined only here.
     */
    public void store(Ticket ticket, Instant freshUntil, Instant lastUntil, byte[]... parts) {
        Instant now = clock.instant();
        Duration maxAge = config.pageCache().maxAge();
        Instant last = earlier(now.plus(maxAge.multipliedBy(2)), lastUntil);
        if (ticket == null || !now.isBefore(last) || ticket.epoch() != epoch.get()
                || ticket.generation() != generations.get(ticket.slot())) {
            return;
        }
        Entry kept = pages.get(ticket.key());
        if (kept != null && current(kept) && now.isBefore(kept.freshUntil())) {
            return; // a request that missed at the same moment kept it already
        }
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        if (bytes.get() + size > config.pageCache().maxBytes() && !sweep(size)) {
            return;
        }
        // off the heap: written to the socket as it is, where a heap array would be copied for every response;
        // freed by the garbage collector once no entry or unfinished write refers to it
        ByteBuffer joined = ByteBuffer.allocateDirect(size);
        for (byte[] part : parts) {
            joined.put(part);
        }
        Buffer direct = Buffer.buffer(Unpooled.wrappedBuffer(joined.flip()));
        Entry entry = new Entry(direct, size, ticket.epoch(), ticket.slot(), ticket.generation(),
                earlier(earlier(now.plus(maxAge), freshUntil), last), last, new AtomicBoolean());
        if (!current(entry)) {
            return; // changed while the copy was made
        }
        Entry old = pages.put(ticket.key(), entry);
        bytes.addAndGet(size - (old == null ? 0 : old.size()));
    }

    /**
     * What data shared by many learners (a class's gradebook) was read under: the epoch and every learner's
     * generation, taken before the reads. See {@link #unchanged}.
     */
    public record Watch(long epoch, long[] generations) {
    }

    public Watch watch() {
        long[] now = new long[SLOTS];
        long at = epoch.get();
        for (int i = 0; i < SLOTS; i++) {
            now[i] = generations.get(i);
        }
        return new Watch(at, now);
    }

    /**
     * Whether nothing that drops kept pages happened on this instance since {@code watch} to any of these
     * learners, nor to everyone: then what was read from their data under the watch still holds.
     */
    public boolean unchanged(Watch watch, long[] learnerIds) {
        if (watch.epoch() != epoch.get()) {
            return false;
        }
        for (long id : learnerIds) {
            int slot = slot(id);
            if (watch.generations()[slot] != generations.get(slot)) {
                return false;
            }
        }
        return true;
    }

    /** Drops, once the current transaction ends, every kept page read from this learner's data. */
    public void learnerChanged(long learnerId) {
        int slot = slot(learnerId);
        afterTransaction("accord.page-cache.slot." + slot, () -> generations.incrementAndGet(slot));
    }

    /** Drops, once the current transaction ends, every kept page (a log-out, an account or assignment changed). */
    public void everyoneChanged() {
        afterTransaction("accord.page-cache.epoch", epoch::incrementAndGet);
    }

    private void afterTransaction(String what, Runnable change) {
        // now as well as after the end: a page whose reads begin in between is not kept either way
        change.run();
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION || transactions.getResource(what) != null) {
            return;
        }
        transactions.putResource(what, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                change.run();
            }
        });
    }

    private boolean current(Entry entry) {
        return entry.epoch() == epoch.get() && entry.generation() == generations.get(entry.slot());
    }

    /** Makes room by dropping pages that can no longer be served; false if that was not enough. */
    private boolean sweep(int needed) {
        Instant now = clock.instant();
        pages.forEach((key, entry) -> {
            if (!current(entry) || !now.isBefore(entry.lastUntil())) {
                drop(key, entry);
            }
        });
        return bytes.get() + needed <= config.pageCache().maxBytes();
    }

    private void drop(Key key, Entry entry) {
        if (pages.remove(key, entry)) {
            bytes.addAndGet(-entry.size());
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return b != null && b.isBefore(a) ? b : a;
    }

    private static int slot(long learnerId) {
        return (int) Math.floorMod(learnerId, (long) SLOTS);
    }

    private static Key key(HttpServerRequest request) {
        List<String> cookies = request.headers().getAll(HttpHeaders.COOKIE);
        return new Key(request.uri(), cookies.size() == 1 ? cookies.get(0) : String.join("; ", cookies));
    }

    private static PageCache instance() {
        return Arc.container().instance(PageCache.class).get();
    }

    /** Whose data an entity is, for {@link LearnerWrites}. */
    public interface LearnerData {
        long learnerId();
    }

    /** Entity listener: a learner's row written, their kept pages dropped. */
    public static class LearnerWrites {
        @PostPersist
        @PostUpdate
        @PostRemove
        void written(Object row) {
            instance().learnerChanged(((LearnerData) row).learnerId());
        }
    }

    /**
     * Entity listener for rows whose every insert, update or delete may change what many learners' pages show
     * (a class's roster, in its gradebook): all kept pages dropped. Unlike {@link EveryoneWrites}, new rows count.
     */
    public static class EveryoneRows {
        @PostPersist
        @PostUpdate
        @PostRemove
        void written(Object row) {
            instance().everyoneChanged();
        }
    }

    /** Entity listener for rows every page may show (accounts, sessions, assignments): all kept pages dropped. */
    public static class EveryoneWrites {
        @PostUpdate
        @PostRemove
        void written(Object row) {
            instance().everyoneChanged();
        }
    }
}
