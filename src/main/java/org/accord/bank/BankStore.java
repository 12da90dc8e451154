package org.accord.bank;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.accord.web.AccordConfig;

/**
 * Loads the bank once at start-up, records a new version of every question that changed, and
 * serves both the current bank and any past version. The bank is read-only while the app runs.
 */
@Startup
@ApplicationScoped
public class BankStore {

    @Inject
    AccordConfig config;

    @Inject
    Clock clock;

    private final QuestionCodec codec = new QuestionCodec();
    private final Map<Long, Question> versions = new ConcurrentHashMap<>();
    private volatile Bank bank;
    private volatile Map<String, Long> currentVersionIds = Map.of();

    @PostConstruct
    void load() {
        Bank loaded;
        try {
            loaded = new BankParser().parseFolder(config.bankPath());
        } catch (BankException e) {
            Log.errorf("The question bank cannot be loaded. %s", e.getMessage());
            throw e;
        }
        currentVersionIds = QuarkusTransaction.requiringNew().call(() -> recordVersions(loaded));
        bank = loaded;
        Log.infof("Question bank loaded from %s: %d questions in %d topics",
                config.bankPath().toAbsolutePath().normalize(), loaded.questions().size(), loaded.topics().size());
    }

    /** Stores a new version of every question whose canonical text changed; returns the current version ids. */
    Map<String, Long> recordVersions(Bank loaded) {
        Map<String, QuestionVersion> latest = new HashMap<>();
        for (QuestionVersion v : QuestionVersion.latest()) {
            latest.put(v.questionId, v);
        }
        Map<String, Long> current = new HashMap<>();
        int added = 0;
        for (Question q : loaded.questions()) {
            String text = codec.toText(q);
            String hash = QuestionCodec.hash(text);
            QuestionVersion stored = latest.get(q.id());
            if (stored == null || !stored.contentHash.equals(hash)) {
                QuestionVersion next = new QuestionVersion();
                next.questionId = q.id();
                next.version = stored == null ? 1 : stored.version + 1;
                next.topic = q.topic();
                next.contentHash = hash;
                next.body = text;
                next.createdAt = clock.instant();
                next.persist();
                stored = next;
                added++;
            }
            current.put(q.id(), stored.id);
            versions.put(stored.id, q);
        }
        if (added > 0) {
            Log.infof("Recorded %d new question version(s)", added);
        }
        return Map.copyOf(current);
    }

    public Bank bank() {
        return bank;
    }

    public long currentVersionId(String questionId) {
        Long id = currentVersionIds.get(questionId);
        if (id == null) {
            throw new IllegalArgumentException("no question " + questionId);
        }
        return id;
    }

    /** The question exactly as it was in the given stored version. */
    public Question version(QuestionVersion stored) {
        return versions.computeIfAbsent(stored.id, id -> codec.fromText("question version " + id, stored.body));
    }

    public Optional<Topic> topic(String id) {
        return bank.topic(id);
    }

    public List<Topic> topics() {
        return bank.topics();
    }
}
