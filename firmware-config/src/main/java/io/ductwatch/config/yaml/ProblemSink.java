package io.ductwatch.config.yaml;

import io.ductwatch.config.ConfigProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects the problems of one file, each placed at a position and a document path. */
public final class ProblemSink {

    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();

    public ProblemSink(String file) {
        this.file = file;
    }

    public void add(Position at, String path, String message) {
        problems.add(new ConfigProblem(file, at.line(), at.column(), path.isEmpty() ? "(document)" : path, message));
    }

    public void add(Located value, String message) {
        add(value.at(), value.path(), message);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Every problem so far, sorted by line and column. */
    public List<ConfigProblem> problems() {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        Collections.sort(sorted);
        return List.copyOf(sorted);
    }
}
