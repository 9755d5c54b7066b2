package io.helklab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a real HELK lab appliance (Elasticsearch, Kafka, the indexer
 * and optionally Spark) inside the test JVM.
 *
 * <p>One appliance starts for the first annotated class and is shared by every annotated class of
 * the test run that asks for the same {@link #services()}; it stops when the run ends. Test methods
 * get a {@link HuntNamespace} parameter for isolated events, or the raw clients (see
 * {@link HelkLabExtension} for every injectable type). All ports are ephemeral.
 *
 * <p>One JVM holds one appliance: Spark allows one context per JVM, and a second appliance costs
 * another gigabyte. A class asking for different services fails with an explanation; put such
 * classes into a separate surefire/failsafe execution (or fork per class with
 * {@code <reuseForks>false</reuseForks>}). Samples are not part of that identity: each class's
 * {@link #samples()} are loaded into the shared appliance before it runs, once per run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(HelkLabExtension.class)
public @interface HelkLabTest {

    /** The services to run; default Elasticsearch, Kafka and the indexer. Add {@link FixtureService#SPARK} for Spark SQL. */
    FixtureService[] services() default {FixtureService.ELASTICSEARCH, FixtureService.KAFKA, FixtureService.INDEXER};

    /**
     * Bundled sample scenarios to load through Kafka before the class runs, e.g.
     * {@code "lsass-credential-dumping"}, or {@code "all"}. They land in HELK's own indices
     * ({@code logs-endpoint-winevent-*}); search them with an injected {@link EventSearch}.
     */
    String[] samples() default {};

    /** How long starting the appliance, and then loading this class's samples, may take. */
    int startupTimeoutSeconds() default 180;

    /**
     * Keep the appliance's work directory (data and {@code logs/helk-lab.log}) when a test failed;
     * also switched on for every class by the system property {@code helklab.keep=true}.
     */
    boolean keepWorkDirectoryOnFailure() default false;
}
