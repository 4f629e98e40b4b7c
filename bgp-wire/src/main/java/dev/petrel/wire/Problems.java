package dev.petrel.wire;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one decode; allocates nothing until the first problem. Not thread-safe. */
public final class Problems {
    private ArrayList<Problem> list;
    private ErrorAction strongest = ErrorAction.NONE;

    public void add(Problem p) {
        if (list == null) {
            list = new ArrayList<>(2);
        }
        list.add(p);
        strongest = strongest.max(p.action());
    }

    public void add(ErrorAction action, int code, int subcode, int attributeType, String description) {
        add(new Problem(action, code, subcode, Bytes.EMPTY, attributeType, description));
    }

    /** Forgets everything, so one instance can serve many decodes on one thread. */
    public void clear() {
        if (list != null) {
            list.clear();
            list = null;
        }
        strongest = ErrorAction.NONE;
    }

    public ErrorAction strongest() {
        return strongest;
    }

    public int size() {
        return list == null ? 0 : list.size();
    }

    public boolean isEmpty() {
        return list == null;
    }

    public List<Problem> toList() {
        return list == null ? List.of() : List.copyOf(list);
    }
}
