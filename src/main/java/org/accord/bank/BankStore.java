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
import java.util.function.LongFunction;
import java.util.stream.IntStream;
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
        // id, version and hash only: the stored bodies are not needed to see what changed
        Map<String, Object[]> latest = new HashMap<>();
        // (plain SQL: parsing an HQL query costs a cold start more than running it)
        for (Object row : QuestionVersion.getEntityManager().createNativeQuery("select v.question_id, v.id, v.version, v.content_hash "
                + "from question_version v where v.version = (select max(w.version) from question_version w "
                + "where w.question_id = v.question_id)").getResultList()) {
            Object[] r = (Object[]) row;
            latest.put((String) r[0], r);
        }
        // the canonical text and its hash, worked out on every core: most of the start-up's bank time
        List<Question> questions = loaded.questions();
        String[] texts = new String[questions.size()];
        String[] hashes = new String[questions.size()];
        IntStream.range(0, questions.size()).parallel().forEach(i -> {
            texts[i] = codec.toText(questions.get(i));
            hashes[i] = QuestionCodec.hash(texts[i]);
        });
        Map<String, Long> current = new HashMap<>();
        int added = 0;
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            Object[] stored = latest.get(q.id());
            long id;
            if (stored != null && stored[3].equals(hashes[i])) {
                id = ((Number) stored[1]).longValue();
            } else {
                QuestionVersion next = new QuestionVersion();
                next.questionId = q.id();
                next.version = stored == null ? 1 : ((Number) stored[2]).intValue() + 1;
                next.topic = q.topic();
                next.contentHash = hashes[i];
                next.body = texts[i];
                next.createdAt = clock.instant();
                next.persist();
                id = next.id;
                added++;
            }
            current.put(q.id(), id);
            versions.put(id, q);
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
        return version(stored.id, id -> stored.body);
    }

    /** The same by the version's id; {@code body} reads the stored text when the version is not in memory yet. */
    public Question version(long versionId, LongFunction<String> body) {
        return versions.computeIfAbsent(versionId, id -> codec.fromText("question version " + id, body.apply(id)));
    }

    public Optional<Topic> topic(String id) {
        return bank.topic(id);
    }

    public List<Topic> topics() {
        return bank.topics();
    }
}
