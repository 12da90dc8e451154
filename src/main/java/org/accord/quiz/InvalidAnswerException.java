package org.accord.quiz;

/** An answer that does not fit its question; the message is for the learner and names the field. */
public class InvalidAnswerException extends RuntimeException {

    private final String field;

    public InvalidAnswerException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
