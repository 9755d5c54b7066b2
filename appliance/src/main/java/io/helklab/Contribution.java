package io.helklab;

/**
 * A part of the product that brings services of its own (the front door, the notebook kernel, Jupyter, Kibana),
 * added to the appliance's one service group with the services it depends on. The appliance's own embedded
 * services are contributed the same way, first.
 *
 * <p>{@link #contribute} runs once, in the thread that starts the appliance, before any service starts; it only
 * creates services and declares them. A service reads what it needs from the running product (addresses,
 * sessions) in its own {@code start()}, which the group calls once every service it depends on is up.
 */
@FunctionalInterface
public interface Contribution {

    /** Adds this part's services to {@code assembly}, each after the services it depends on. */
    void contribute(Assembly assembly);
}
