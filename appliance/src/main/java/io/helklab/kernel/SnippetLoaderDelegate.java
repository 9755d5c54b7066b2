package io.helklab.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;

/**
 * Defines the classes JShell compiles for one kernel in a class loader of their own whose parent is
 * the loader that holds the appliance, so snippets see the same {@code SparkSession} and façade
 * classes as the objects bound to them (JShell's default delegate uses the system class loader and
 * changes the calling thread's context class loader).
 *
 * <p>Threading: used by the kernel's execution thread only.
 */
final class SnippetLoaderDelegate implements LoaderDelegate {

    private final SnippetClassLoader loader;
    private final Map<String, Class<?>> loadedClasses = new ConcurrentHashMap<>();

    SnippetLoaderDelegate(ClassLoader parent) {
        this.loader = new SnippetClassLoader(parent);
    }

    ClassLoader classLoader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] installed = new boolean[classes.length];
        try {
            for (ClassBytecodes bytecodes : classes) {
                loader.declare(bytecodes.name(), bytecodes.bytecodes());
            }
            for (int index = 0; index < classes.length; index++) {
                Class<?> loaded = loader.loadClass(classes[index].name());
                loadedClasses.put(classes[index].name(), loaded);
                installed[index] = true;
                // links the class now, so a verification error belongs to this snippet, not a later one
                loaded.getDeclaredMethods();
            }
        } catch (ClassNotFoundException | LinkageError failure) {
            throw new ClassInstallException("could not load the snippet's classes: " + failure, installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes bytecodes : classes) {
            loader.declare(bytecodes.name(), bytecodes.bytecodes());
        }
    }

    /**
     * Does nothing: JShell calls this with the compile class path, whose classes the parent loader
     * already defines; loading them a second time here would give bound objects and snippets two
     * different copies of the same class.
     */
    @Override
    public void addToClasspath(String path) {
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> loaded = loadedClasses.get(name);
        if (loaded == null) {
            throw new ClassNotFoundException(name + " was not loaded by this kernel");
        }
        return loaded;
    }

    private static final class SnippetClassLoader extends ClassLoader {

        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

        SnippetClassLoader(ClassLoader parent) {
            super("helk-lab-kernel-snippets", parent);
        }

        void declare(String name, byte[] bytes) {
            declared.put(name, bytes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = declared.get(name);
            if (bytes == null) {
                return super.findClass(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
