package org.accord.quiz;

/**
 * An answer the database did not take (a row held past the answer writer's lock timeout, a lost connection):
 * nothing of it was saved, so the learner may send it again.
 */
public class AnswerNotSavedException extends RuntimeException {

    public AnswerNotSavedException(String attemptId, Throwable cause) {
        super("an answer to attempt " + attemptId + " could not be saved", cause);
    }
}
