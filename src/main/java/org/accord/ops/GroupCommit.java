package org.accord.ops;

/**
 * Makes committed writes durable in groups: every caller of {@link #awaitDurable()} returns only
 * after a flush that began after it called, and one flush serves everyone who arrived while the
 * previous one ran. The first waiter to find no flush running does the flush itself, so there is no
 * background thread to start or stop.
 */
final class GroupCommit {

    /** Writes everything committed so far to stable storage. */
    interface Flush {
        void run() throws Exception;
    }

    private final Flush flush;
    /** Flushes begun and flushes completed, counted from 1; a failed flush completes nothing. */
    private long started;
    private long finished;
    private boolean flushing;

    GroupCommit(Flush flush) {
        this.flush = flush;
    }

    /** Returns once everything the calling thread committed before this call is on disk; throws if the flush failed. */
    void awaitDurable() throws Exception {
        long generation;
        synchronized (this) {
            // a flush already running may have begun before the caller's commit: only a later one counts
            long needed = started + 1;
            while (flushing) {
                wait();
            }
            if (finished >= needed) {
                return;
            }
            flushing = true;
            generation = ++started;
        }
        // the flush runs without the lock, so callers arriving meanwhile queue for the next one
        boolean done = false;
        try {
            flush.run();
            done = true;
        } finally {
            synchronized (this) {
                flushing = false;
                if (done) {
                    finished = generation;
                }
                notifyAll();
            }
        }
    }
}
