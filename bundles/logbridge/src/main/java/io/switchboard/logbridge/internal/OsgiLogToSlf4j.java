package io.switchboard.logbridge.internal;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every entry of the OSGi log (what SCR, ConfigAdmin, FileInstall and the framework report) to SLF4J,
 * so the platform has one log with one configuration. Loggers are named {@code osgi.<bundle symbolic name>}.
 */
@Component(service = {}, immediate = true)
public final class OsgiLogToSlf4j implements LogListener {

    private final LogReaderService reader;

    @Activate
    public OsgiLogToSlf4j(@Reference LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
    }

    @Deactivate
    void stop() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        Logger logger = LoggerFactory.getLogger(loggerName(entry.getBundle()));
        String message = entry.getServiceReference() == null
                ? entry.getMessage()
                : entry.getMessage() + " [service " + entry.getServiceReference().getProperty("service.id") + "]";
        Throwable error = entry.getException();
        switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> logger.error(message, error);
            case WARN -> logger.warn(message, error);
            case INFO -> logger.info(message, error);
            case DEBUG -> logger.debug(message, error);
            default -> logger.trace(message, error);
        }
    }

    static String loggerName(Bundle bundle) {
        if (bundle == null || bundle.getSymbolicName() == null) {
            return "osgi";
        }
        return "osgi." + bundle.getSymbolicName();
    }
}
