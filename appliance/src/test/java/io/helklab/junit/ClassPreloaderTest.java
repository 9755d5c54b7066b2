package io.helklab.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.config.Component;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The fixture's class list is current, and the preloader runs only where it helps and when allowed. */
class ClassPreloaderTest {
    private static final String RECORD_AGAIN = "The fixture's class list is out of date (a dependency changed?); "
            + "record it again with FixtureClassListRecorder (see its Javadoc).";

    @Test
    void everyListedLibraryClassIsOnThisClassPath() {
        List<String> classes = ClassPreloader.classes();
        assertThat(classes).as("the class list " + ClassPreloader.RESOURCE).hasSizeGreaterThan(5_000)
                .contains("org.elasticsearch.node.Node", "org.apache.lucene.index.IndexWriter",
                        "org.apache.logging.log4j.core.LoggerContext")
                .doesNotHaveDuplicates();
        // The JDK's internal classes differ between JDK versions, and the preloader skips what it cannot find;
        // a library class that is gone means the list was recorded against other dependency versions.
        List<String> missing = new ArrayList<>();
        for (String name : classes) {
            if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                    || name.startsWith("sun.") || name.startsWith("com.sun.")) {
                continue;
            }
            try {
                Class.forName(name, false, ClassPreloaderTest.class.getClassLoader());
            } catch (ClassNotFoundException gone) {
                missing.add(name);
            }
        }
        assertThat(missing).as(RECORD_AGAIN).isEmpty();
    }

    @Test
    void theListHoldsNoTestOrGeneratedClasses() {
        assertThat(ClassPreloader.classes()).noneMatch(name -> name.startsWith("io.helklab.")
                || name.contains("$$Lambda") || name.matches(".*\\.\\$Proxy\\d+") || name.startsWith("jdk.internal.reflect.Generated"));
    }

    @Test
    @ResourceLock("system-properties")
    void preloadsOnlyWhenElasticsearchStartsWithoutSparkAndPreloadingIsOn() {
        try (ClassPreloader kafkaOnly = ClassPreloader.start(EnumSet.of(Component.ZOOKEEPER, Component.KAFKA))) {
            assertThat(kafkaOnly.started()).isFalse();
        }
        try (ClassPreloader withSpark = ClassPreloader.start(EnumSet.of(Component.ELASTICSEARCH, Component.SPARK))) {
            assertThat(withSpark.started()).isFalse();
        }
        try (ClassPreloader withElasticsearch = ClassPreloader.start(EnumSet.of(Component.ELASTICSEARCH))) {
            assertThat(withElasticsearch.started()).isTrue();
        }
        String before = System.setProperty(ClassPreloader.PRELOAD_PROPERTY, "false");
        try (ClassPreloader off = ClassPreloader.start(EnumSet.of(Component.ELASTICSEARCH))) {
            assertThat(off.started()).isFalse();
        } finally {
            if (before == null) {
                System.clearProperty(ClassPreloader.PRELOAD_PROPERTY);
            } else {
                System.setProperty(ClassPreloader.PRELOAD_PROPERTY, before);
            }
        }
    }
}
