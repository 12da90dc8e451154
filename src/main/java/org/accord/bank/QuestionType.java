package org.accord.bank;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of question the bank holds, named as they are written in a question file. */
public enum QuestionType {
    SINGLE("single", "Single choice"),
    MULTIPLE("multiple", "Multiple response"),
    TRUEFALSE("truefalse", "True or false"),
    NUMERIC("numeric", "Number"),
    ORDERING("ordering", "Put in order"),
    MATCHING("matching", "Matching"),
    TEXT("text", "Short answer");

    private final String fileName;
    private final String label;

    QuestionType(String fileName, String label) {
        this.fileName = fileName;
        this.label = label;
    }

    public String fileName() {
        return fileName;
    }

    public String label() {
        return label;
    }

    public static Optional<QuestionType> fromFileName(String name) {
        return Arrays.stream(values()).filter(t -> t.fileName.equals(name)).findFirst();
    }

    public static String allFileNames() {
        return String.join(", ", Arrays.stream(values()).map(QuestionType::fileName).toList());
    }
}
