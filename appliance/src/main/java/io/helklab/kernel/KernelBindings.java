package io.helklab.kernel;

import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.lang.model.SourceVersion;

/**
 * Hands live objects to notebook cells. Each kernel registers its bindings under its own key, and
 * JShell declares one variable per binding initialised by {@link #lookup}, typed with the most
 * specific public class of the object so cells call its methods without casts.
 *
 * <p>Public only because compiled cells call {@link #lookup}; thread-safe.
 */
public final class KernelBindings {

    private static final Map<String, Map<String, Object>> BY_KERNEL = new ConcurrentHashMap<>();

    private KernelBindings() {
    }

    /** The object bound to {@code name} for the kernel {@code kernelKey}. */
    public static Object lookup(String kernelKey, String name) {
        Map<String, Object> bindings = BY_KERNEL.get(kernelKey);
        if (bindings == null || !bindings.containsKey(name)) {
            throw new IllegalStateException("No binding '" + name + "' for kernel " + kernelKey
                    + " (the kernel was shut down or the name was never bound)");
        }
        return bindings.get(name);
    }

    static void register(String kernelKey, Map<String, Object> bindings) {
        BY_KERNEL.put(kernelKey, Map.copyOf(bindings));
    }

    static void unregister(String kernelKey) {
        BY_KERNEL.remove(kernelKey);
    }

    /**
     * Checks that every name can be a Java variable.
     *
     * @throws IllegalArgumentException naming the bad binding
     */
    static void validateNames(Map<String, ?> bindings) {
        for (Map.Entry<String, ?> binding : bindings.entrySet()) {
            if (!SourceVersion.isName(binding.getKey())) {
                throw new IllegalArgumentException("Kernel binding name '" + binding.getKey()
                        + "' is not a Java identifier; cells could not refer to it. Use e.g. 'lab' or 'spark'.");
            }
            if (binding.getValue() == null) {
                throw new IllegalArgumentException("Kernel binding '" + binding.getKey()
                        + "' is null; bind a live object or leave the name out.");
            }
        }
    }

    /**
     * The source-code type of the variable that holds {@code value}: its nearest public class, or a
     * richer public interface that only a non-public subclass adds (so {@code List.of(...)} is a
     * {@code List}, not an {@code AbstractCollection}, and a package-private façade implementation
     * is seen as its public interface).
     */
    static Class<?> declaredType(Object value) {
        Class<?> publicClass = value.getClass();
        while (publicClass != null && !isNameable(publicClass)) {
            publicClass = publicClass.getSuperclass();
        }
        if (publicClass == null) {
            publicClass = Object.class;
        }
        if (publicClass == value.getClass()) {
            return publicClass;
        }
        Class<?> best = null;
        int bestDepth = publicClass == Object.class ? -1 : 0;
        for (Class<?> candidate : allInterfaces(value.getClass())) {
            if (!isNameable(candidate) || candidate.isAssignableFrom(publicClass)) {
                continue;
            }
            int depth = allInterfaces(candidate).size();
            if (depth > bestDepth) {
                best = candidate;
                bestDepth = depth;
            }
        }
        return best == null ? publicClass : best;
    }

    private static Set<Class<?>> allInterfaces(Class<?> type) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> ancestor = type; ancestor != null; ancestor = ancestor.getSuperclass()) {
            for (Class<?> declared : ancestor.getInterfaces()) {
                if (interfaces.add(declared)) {
                    interfaces.addAll(allInterfaces(declared));
                }
            }
        }
        return interfaces;
    }

    private static boolean isNameable(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic() || type.isHidden()
                || type.getCanonicalName() == null) {
            return false;
        }
        for (Class<?> enclosing = type; enclosing != null; enclosing = enclosing.getEnclosingClass()) {
            if (!Modifier.isPublic(enclosing.getModifiers())) {
                return false;
            }
        }
        Module module = type.getModule();
        return !module.isNamed() || module.isExported(type.getPackageName());
    }
}
