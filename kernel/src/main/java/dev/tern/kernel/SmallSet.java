package dev.tern.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * An insertion-ordered set that stays a short array while small (most processes have zero
 * to two links or monitors) and becomes a hash set when large (a supervisor of a million
 * sessions). Not thread-safe: the owning {@link ProcessCell} guards it.
 */
final class SmallSet<E> {

    private static final int ARRAY_LIMIT = 8;

    private Object[] small = new Object[2];
    private int size;
    private LinkedHashSet<E> large;

    boolean add(E element) {
        if (large != null) {
            return large.add(element);
        }
        for (int i = 0; i < size; i++) {
            if (small[i].equals(element)) {
                return false;
            }
        }
        if (size == ARRAY_LIMIT) {
            large = new LinkedHashSet<>();
            for (int i = 0; i < size; i++) {
                large.add(cast(small[i]));
            }
            large.add(element);
            small = null;
            size = 0;
            return true;
        }
        if (size == small.length) {
            small = Arrays.copyOf(small, Math.min(ARRAY_LIMIT, size * 2));
        }
        small[size++] = element;
        return true;
    }

    boolean remove(Object element) {
        if (large != null) {
            return large.remove(element);
        }
        for (int i = 0; i < size; i++) {
            if (small[i].equals(element)) {
                System.arraycopy(small, i + 1, small, i, size - i - 1);
                small[--size] = null;
                return true;
            }
        }
        return false;
    }

    boolean contains(Object element) {
        if (large != null) {
            return large.contains(element);
        }
        for (int i = 0; i < size; i++) {
            if (small[i].equals(element)) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return large != null ? large.size() : size;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    void forEach(Consumer<? super E> action) {
        if (large != null) {
            large.forEach(action);
            return;
        }
        for (int i = 0; i < size; i++) {
            action.accept(cast(small[i]));
        }
    }

    List<E> toList() {
        List<E> copy = new ArrayList<>(size());
        forEach(copy::add);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static <E> E cast(Object element) {
        return (E) element;
    }
}
