package io.helklab.junit;

import io.helklab.HelkLab;
import io.helklab.config.Component;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Properties;
import java.util.Set;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.SparkSession;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit 5 extension behind {@link HelkLabTest}: starts the appliance, preloads samples, injects
 * parameters and attaches the appliance log to failures.
 *
 * <p>Injectable parameters: {@link HelkLab}; {@link HelkLabEndpoints}; {@link HuntNamespace} (a fresh
 * namespace, deleted after the test, or after the class in a {@code @BeforeAll} method);
 * {@link EventSearch} (HELK's own indices, with the preloaded samples); a ready
 * {@link RestHighLevelClient}; {@code KafkaProducer<String, String>} or {@code KafkaProducer<byte[], byte[]>};
 * Kafka's {@link Admin}; the {@link SparkSession} when Spark runs. Clients are closed when the test (or
 * class) that received them ends.
 *
 * <p>One appliance per JVM: it is stored in the root {@link ExtensionContext.Store} under its services,
 * so JUnit closes it when the run ends, and a class asking for other services fails with an
 * explanation. Launchers nested in the same JVM (such as JUnit's {@code EngineTestKit}) reuse the
 * running appliance without owning it. Thread-safe: parallel classes wait for one start.
 */
@SuppressWarnings("deprecation") // Store.CloseableResource: still the way to reach every JUnit 5 version
public final class HelkLabExtension implements BeforeAllCallback, ParameterResolver, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(HelkLabExtension.class);
    private static final Set<Class<?>> INJECTABLE = Set.of(HelkLab.class, HelkLabEndpoints.class, HuntNamespace.class,
            EventSearch.class, RestHighLevelClient.class, KafkaProducer.class, Admin.class, SparkSession.class);
    private static final Object LOCK = new Object();
    private static HelkLabFixture running;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        FixtureSettings settings = settings(context);
        HelkLabFixture fixture = fixture(context, settings);
        try {
            fixture.ensureSamples(settings);
        } catch (Exception | AssertionError failure) {
            attachLog(context, failure);
            throw failure;
        }
    }

    /** The running appliance for this class, started on first use; fails for conflicting services. */
    private static HelkLabFixture fixture(ExtensionContext context, FixtureSettings settings) {
        synchronized (LOCK) {
            if (running != null && running.isOpen()) {
                if (!running.settings().components().equals(settings.components())) {
                    throw new ExtensionConfigurationException(settings.conflictWith(running.settings()));
                }
                return running;
            }
            HelkLabFixture started = HelkLabFixture.start(settings);
            started.publishEndpoints();
            running = started;
            context.getRoot().getStore(STORE).put("appliance " + settings.serviceNames(), new OnClose(() -> {
                forget(started);
                started.close();
            }));
            return started;
        }
    }

    /**
     * A configuration error as JUnit reports it. The settings throw it through here, so that they, and
     * {@link SharedFixture}, load without JUnit on the class path.
     */
    static RuntimeException configurationError(String message) {
        return new ExtensionConfigurationException(message);
    }

    static RuntimeException configurationError(String message, Throwable cause) {
        return new ExtensionConfigurationException(message, cause);
    }

    /** Called when the run closes its fixture, so the next run in this JVM starts a new one. */
    static void forget(HelkLabFixture fixture) {
        synchronized (LOCK) {
            if (running == fixture) {
                running = null;
            }
        }
    }

    private static FixtureSettings settings(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        for (Class<?> candidate = testClass; candidate != null; candidate = candidate.getEnclosingClass()) {
            HelkLabTest annotation = candidate.getAnnotation(HelkLabTest.class);
            if (annotation != null) {
                return FixtureSettings.of(annotation, testClass);
            }
        }
        throw new ExtensionConfigurationException(testClass.getName() + " uses HelkLabExtension without @HelkLabTest; "
                + "annotate the class with @HelkLabTest instead of @ExtendWith(HelkLabExtension.class)");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTABLE.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        HelkLabFixture fixture = fixture(context, settings(context));
        Class<?> type = parameter.getParameter().getType();
        try {
            if (type == HelkLab.class) {
                return fixture.lab();
            }
            if (type == HelkLabEndpoints.class) {
                return fixture.endpoints();
            }
            if (type == HuntNamespace.class) {
                HuntNamespace namespace = fixture.newNamespace(context.getTestMethod().map(Method::getName)
                        .orElse(context.getRequiredTestClass().getSimpleName()));
                context.getStore(STORE).put(namespace, new OnClose(namespace::delete));
                return namespace;
            }
            if (type == EventSearch.class) {
                return new EventSearch(fixture, "");
            }
            if (type == SparkSession.class) {
                requireComponent(fixture, Component.SPARK, parameter);
                return fixture.lab().spark();
            }
            if (type == RestHighLevelClient.class) {
                requireComponent(fixture, Component.ELASTICSEARCH, parameter);
                return closedAfterwards(context, new RestHighLevelClient(RestClient.builder(
                        HttpHost.create(fixture.endpoints().elasticsearchUrl()))));
            }
            requireComponent(fixture, Component.KAFKA, parameter);
            if (type == Admin.class) {
                return closedAfterwards(context, Admin.create(HelkLabFixture.adminProperties(
                        fixture.endpoints().kafkaBootstrapServers(), "helk-lab-test-admin")));
            }
            return closedAfterwards(context, producer(fixture, parameter));
        } catch (ParameterResolutionException unresolvable) {
            throw unresolvable;
        } catch (RuntimeException failure) {
            throw new ParameterResolutionException("Could not provide " + describe(parameter) + ": " + failure.getMessage(),
                    failure);
        }
    }

    private static KafkaProducer<?, ?> producer(HelkLabFixture fixture, ParameterContext parameter) {
        Serializer<?> serializer = serializerFor(parameter);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.endpoints().kafkaBootstrapServers());
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 * 1024 * 1024));
        return new KafkaProducer<>(properties, serializer, serializer);
    }

    private static Serializer<?> serializerFor(ParameterContext parameter) {
        Type type = parameter.getParameter().getParameterizedType();
        if (!(type instanceof ParameterizedType generic)) {
            return new ByteArraySerializer();
        }
        Type key = generic.getActualTypeArguments()[0];
        Type value = generic.getActualTypeArguments()[1];
        if (key == String.class && value == String.class) {
            return new StringSerializer();
        }
        if (key == byte[].class && value == byte[].class) {
            return new ByteArraySerializer();
        }
        throw new ParameterResolutionException("Cannot provide " + describe(parameter) + ": only KafkaProducer<String, "
                + "String> and KafkaProducer<byte[], byte[]> are injected; create other producers from HelkLabEndpoints");
    }

    private static <T extends AutoCloseable> T closedAfterwards(ExtensionContext context, T client) {
        context.getStore(STORE).put(client, new OnClose(client::close));
        return client;
    }

    private static void requireComponent(HelkLabFixture fixture, Component component, ParameterContext parameter) {
        if (!fixture.lab().config().has(component)) {
            throw new ParameterResolutionException("Cannot provide " + describe(parameter) + ": the fixture runs services "
                    + fixture.settings().serviceNames() + " without " + component + "; add FixtureService." + component
                    + " to @HelkLabTest(services = ...)");
        }
    }

    private static String describe(ParameterContext parameter) {
        return parameter.getParameter().getParameterizedType().getTypeName() + " (parameter " + parameter.getIndex()
                + " of " + parameter.getDeclaringExecutable().getName() + ")";
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        attachLog(context, failure);
        throw failure;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        attachLog(context, failure);
        throw failure;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        attachLog(context, failure);
        throw failure;
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        attachLog(context, failure);
        throw failure;
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        attachLog(context, failure);
        throw failure;
    }

    /**
     * Marks the run failed (for keeping the work directory) and attaches the appliance log's tail to
     * the failure, as a suppressed exception and as a report entry.
     */
    private static void attachLog(ExtensionContext context, Throwable failure) {
        HelkLabFixture fixture;
        synchronized (LOCK) {
            fixture = running;
        }
        if (fixture == null || failure instanceof TestAbortedException) {
            return;
        }
        fixture.markFailed();
        String tail = fixture.logTail();
        context.publishReportEntry("helk-lab.log", tail);
        failure.addSuppressed(new ApplianceLogExcerpt(fixture.logFile().toString(), tail));
    }

    /**
     * Something to do when a test's (or class's) store closes. Both interfaces: JUnit 5.13+ closes
     * {@link AutoCloseable} values, older versions {@code CloseableResource} ones.
     */
    private static final class OnClose implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final AutoCloseable action;
        private boolean closed;

        OnClose(AutoCloseable action) {
            this.action = action;
        }

        @Override
        public synchronized void close() throws Exception {
            if (!closed) {
                closed = true;
                action.close();
            }
        }
    }

    /** Carries the appliance log's last lines into the test report; it has no stack trace of its own. */
    static final class ApplianceLogExcerpt extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ApplianceLogExcerpt(String file, String tail) {
            super("Last lines of the HELK lab appliance log " + file + ":" + System.lineSeparator() + tail, null, false, false);
        }
    }
}
