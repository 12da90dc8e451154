package org.accord.bank;

/** A question file that breaks the format: says which file, which line and what was expected. */
public class BankException extends RuntimeException {

    private final String file;
    private final int line;
    private final String problem;

    public BankException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** One-based line number, or 0 where the problem concerns the whole file. */
    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
