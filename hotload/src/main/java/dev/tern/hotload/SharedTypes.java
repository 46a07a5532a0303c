package dev.tern.hotload;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a value crossing module versions (migrated state, server arguments) is made of
 * JDK and API types only. A class of a module version would pin that version's class loader
 * and cannot be read by another version, whose classes of the same name are different classes.
 *
 * <p>The check walks maps, collections, arrays, {@link Optional} and records; other objects
 * count by their class alone, so a JDK container this check does not open (an
 * {@code AtomicReference}, say) could still hide a module object.
 */
final class SharedTypes {

    private static final int MAX_DEPTH = 64;

    private final Map<ClassLoader, Set<String>> apiPackages = new HashMap<>();

    SharedTypes(Collection<ApiModule> apis) {
        for (ApiModule api : apis) {
            apiPackages.merge(api.classLoader(), api.packages(), (left, right) -> {
                var union = new java.util.HashSet<>(left);
                union.addAll(right);
                return Set.copyOf(union);
            });
        }
    }

    /**
     * Returns normally when {@code value} contains JDK and API types only.
     *
     * @param what names the value in the error, e.g. "the state exported by server 'counter'"
     * @throws IllegalArgumentException naming the path to the first other class found
     */
    void requireShared(Object value, String what) {
        String problem = find(value, "", new IdentityHashMap<>(), 0);
        if (problem != null) {
            throw new IllegalArgumentException(what + " contains " + problem + "; pass JDK and API types only "
                    + "(maps, lists, strings, numbers), because another module version cannot use this class "
                    + "and it would keep this version's class loader alive");
        }
    }

    /** Returns true when objects of {@code type} may cross versions. */
    boolean isShared(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive()) {
            return true;
        }
        ClassLoader loader = element.getClassLoader();
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
            return true;
        }
        Set<String> packages = apiPackages.get(loader);
        return packages != null && packages.contains(element.getPackageName());
    }

    private String find(Object value, String path, IdentityHashMap<Object, Boolean> seen, int depth) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return null;
        }
        if (depth > MAX_DEPTH) {
            return "values nested deeper than " + MAX_DEPTH + " levels at '" + path + "'";
        }
        Class<?> type = value.getClass();
        if (!isShared(type)) {
            return "an instance of " + type.getName() + " (class loader " + type.getClassLoader() + ") at '"
                    + (path.isEmpty() ? "/" : path) + "'";
        }
        return switch (value) {
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String problem = find(entry.getKey(), path + "/<key>", seen, depth + 1);
                    if (problem == null) {
                        problem = find(entry.getValue(), path + "/" + entry.getKey(), seen, depth + 1);
                    }
                    if (problem != null) {
                        yield problem;
                    }
                }
                yield null;
            }
            case Collection<?> collection -> findInAll(collection.toArray(), path, seen, depth);
            case Object[] array -> findInAll(array, path, seen, depth);
            case Optional<?> optional -> find(optional.orElse(null), path + "/value", seen, depth + 1);
            case Record record -> findInRecord(record, path, seen, depth);
            default -> null;
        };
    }

    private String findInAll(Object[] items, String path, IdentityHashMap<Object, Boolean> seen, int depth) {
        for (int i = 0; i < items.length; i++) {
            String problem = find(items[i], path + "/" + i, seen, depth + 1);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String findInRecord(Record record, String path, IdentityHashMap<Object, Boolean> seen, int depth) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            var accessor = component.getAccessor();
            if (!accessor.trySetAccessible()) {
                // A record the check cannot open counts by its class, which is already shared.
                return null;
            }
            Object item;
            try {
                item = accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                return "a record component '" + component.getName() + "' that could not be read (" + e + ")";
            }
            String problem = find(item, path + "/" + component.getName(), seen, depth + 1);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
