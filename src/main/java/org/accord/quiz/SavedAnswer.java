package org.accord.quiz;

import java.time.Instant;
import org.accord.bank.Question;

/** An answer the answer path is saving, as the review states and the running totals need to see it. */
public record SavedAnswer(long learnerId, long itemId, Question question, double score, Long durationMs, Instant at) {
}
