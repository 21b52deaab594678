package io.switchboard.core.internal.observe;

import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.log.SafeText;
import io.switchboard.core.api.observe.PlatformObserver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * The server log's view of a run: while a function runs, the thread that runs it has the run's account, function and
 * invocation id in its MDC ({@value #ACCOUNT}, {@value #FUNCTION}, {@value #INVOCATION}), so every line logged for it
 * carries them (the JSON layout prints them as fields); and, when configured, the function's console lines are copied
 * to the server log (logger {@value #CONSOLE_LOGGER}), escaped and cut like any text a tenant controls.
 */
@Component(service = PlatformObserver.class, configurationPid = RunLogContext.PID)
@Designate(ocd = RunLogContext.Config.class)
public final class RunLogContext implements PlatformObserver {

    public static final String PID = "io.switchboard.core.logs";
    public static final String ACCOUNT = "account";
    public static final String FUNCTION = "function";
    public static final String INVOCATION = "invocation";
    static final String CONSOLE_LOGGER = "io.switchboard.function.console";

    /** Whether and at which level the functions' console lines reach the server log. */
    @ObjectClassDefinition(name = "Switchboard server log", description = "Function console lines in the server log.")
    public @interface Config {
        @AttributeDefinition(description = "Copy every function's console lines (as recorded, after the output caps) to the server log")
        boolean copyConsoleLines() default false;

        @AttributeDefinition(description = "The level they are logged at (logger io.switchboard.function.console); each line says its own level too")
        Level consoleLevel() default Level.INFO;
    }

    private static final Logger CONSOLE = LoggerFactory.getLogger(CONSOLE_LOGGER);

    private final boolean copy;
    private final Level level;

    @Activate
    public RunLogContext(Config config) {
        this(config.copyConsoleLines(), config.consoleLevel());
    }

    RunLogContext(boolean copy, Level level) {
        this.copy = copy;
        this.level = level;
    }

    @Override
    public void invocationStarted(String invocationId, String account, String functionId) {
        MDC.put(ACCOUNT, account);
        MDC.put(FUNCTION, functionId);
        MDC.put(INVOCATION, invocationId);
    }

    @Override
    public void invocationFinished(InvocationRecord record) {
        try {
            if (copy && !record.logs().isEmpty()) {
                // A run refused before it started has no MDC yet: its lines carry the ids all the same.
                MDC.put(ACCOUNT, record.account());
                MDC.put(FUNCTION, record.functionId());
                MDC.put(INVOCATION, record.id());
                for (LogLine line : record.logs()) {
                    CONSOLE.atLevel(level).log("{} {}", line.level(), SafeText.of(line.message()));
                }
            }
        } finally {
            MDC.remove(ACCOUNT);
            MDC.remove(FUNCTION);
            MDC.remove(INVOCATION);
        }
    }
}
