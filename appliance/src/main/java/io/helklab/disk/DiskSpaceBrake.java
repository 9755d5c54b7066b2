package io.helklab.disk;

import io.helklab.ingest.Indexer;
import io.helklab.kafka.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ingest does while the home's disk is nearly full: the indexer stops reading Kafka, and the embedded broker
 * slows every producer to a trickle, so records that keep arriving while the indexer is paused cannot fill the disk
 * until Kafka's log directory fails. Producers wait rather than fail; what they already sent stays in Kafka. An
 * external broker (attach mode) is left alone: its disk is not the home's.
 */
public final class DiskSpaceBrake implements DiskSpaceGuard.Ingest {
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpaceBrake.class);
    /** A trickle: an hour of it is a few hundred mebibytes, well inside the headroom the pause leaves. */
    public static final long PRODUCER_BYTES_PER_SECOND = 64 * 1024;

    private final Indexer indexer;
    private final EmbeddedKafka kafka;

    /** @param kafka the embedded broker, or {@code null} when Kafka is external */
    public DiskSpaceBrake(Indexer indexer, EmbeddedKafka kafka) {
        this.indexer = indexer;
        this.kafka = kafka;
    }

    @Override
    public void pause(String reason) {
        indexer.pause(reason);
        if (kafka != null) {
            try {
                kafka.throttleProducers(PRODUCER_BYTES_PER_SECOND);
            } catch (Exception notThrottled) {
                interruptedAgain(notThrottled);
                LOG.warn("could not throttle Kafka's producers while the disk is nearly full; the indexer is paused",
                        notThrottled);
            }
        }
    }

    @Override
    public void resume() {
        if (kafka != null) {
            try {
                kafka.unthrottleProducers();
            } catch (Exception stillThrottled) {
                interruptedAgain(stillThrottled);
                LOG.warn("could not lift the throttle of Kafka's producers; shippers stay slow until the next start",
                        stillThrottled);
            }
        }
        indexer.resume();
    }

    private static void interruptedAgain(Exception failure) {
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }
}
