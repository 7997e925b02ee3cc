package dev.hearth.scheduler.application;

import dev.hearth.domain.function.LogDestination;
import dev.hearth.domain.rules.Limits;
import dev.hearth.persistence.InvocationRecordEntity;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ships an invocation's logs to the logging endpoint its caller named, after it has run and off
 * the request's thread: the caller has its answer whether or not the endpoint takes them. What is
 * shipped is what the caller may read through the API ({@link ActivationAccess}): its owner gets the
 * whole record and the log lines, anyone else only what the invocation's answer held. A failed
 * delivery is logged (never with the endpoint's credential) and not retried.
 */
@Stateless
public class LogShipping {

    private static final Logger LOG = Logger.getLogger(LogShipping.class.getName());

    @Inject
    InvocationRecordRepository records;

    @Inject
    LogShipper shipper;

    @Asynchronous
    public void shipAfter(LogDestination destination, ActivationView activation, ActivationAccess access) {
        try {
            shipper.ship(
                    destination,
                    access.shown(activation),
                    access instanceof ActivationAccess.Whole
                            ? records
                                    .ofActivation(
                                            activation.id(),
                                            InvocationRecordEntity.LOG,
                                            Limits.MAX_RECORDS_PER_INVOCATION)
                                    .stream()
                                    .map(Views::logLine)
                                    .toList()
                            : List.of());
        } catch (LogShipper.LogShippingException e) {
            LOG.log(Level.WARNING, "the logs of activation {0} did not reach {1}: {2}", new Object[] {
                activation.id(), destination.endpoint().getHost(), e.getMessage()
            });
        }
    }
}
