package org.accord.account;

/** What an account may do: learners take quizzes; teachers also run classes. */
public enum Role {
    LEARNER,
    TEACHER
}
