package dev.hearth.scheduler.application;

import dev.hearth.domain.function.LogDestination;
import dev.hearth.scheduler.application.AuxiliaryService.LogLineView;
import java.util.List;

/** Delivers an invocation's logs to the user's own logging endpoint. */
public interface LogShipper {

    /**
     * Posts the activation (with its log tail) and the structured lines its trusted portion logged.
     *
     * @throws LogShippingException the endpoint could not be reached or refused them
     */
    void ship(LogDestination destination, ActivationView activation, List<LogLineView> lines);

    /** Why a delivery failed, without the endpoint's credential. */
    class LogShippingException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public LogShippingException(String message) {
            super(message);
        }
    }
}
