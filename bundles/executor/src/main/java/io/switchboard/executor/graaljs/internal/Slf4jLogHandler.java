package io.switchboard.executor.graaljs.internal;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the engine's own log (Truffle's java.util.logging records) to SLF4J instead of stderr. */
final class Slf4jLogHandler extends Handler {
    private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.executor.graaljs.engine");

    @Override
    public void publish(LogRecord record) {
        int level = record.getLevel().intValue();
        String message = record.getLoggerName() + ": " + record.getMessage();
        if (level >= Level.SEVERE.intValue()) {
            LOG.error(message, record.getThrown());
        } else if (level >= Level.WARNING.intValue()) {
            LOG.warn(message, record.getThrown());
        } else if (level >= Level.INFO.intValue()) {
            LOG.info(message, record.getThrown());
        } else {
            LOG.debug(message, record.getThrown());
        }
    }

    @Override
    public void flush() {
        // Nothing is buffered.
    }

    @Override
    public void close() {
        // SLF4J owns the outputs.
    }
}
