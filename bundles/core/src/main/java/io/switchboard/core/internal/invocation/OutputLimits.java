package io.switchboard.core.internal.invocation;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;

/**
 * What the core keeps of a run, whatever the executor handed over: a result, an error message and log lines of bounded
 * size, so that one call can neither answer nor store megabytes (a 20 MB error text per call grew the database from 4.5 to
 * 361 MB in four calls). The executor has limits of its own; these hold for any executor.
 *
 * @param maxResultChars longest result JSON kept; a longer result makes the run an error ({@link #RESULT_TOO_LARGE})
 * @param maxErrorChars longest error message kept; longer ones are cut, saying how much was left out
 * @param maxLogLines most log lines kept per run
 * @param maxLogChars most characters of log messages kept per run, over all its lines
 */
public record OutputLimits(int maxResultChars, int maxErrorChars, int maxLogLines, int maxLogChars) {

    /** The error code of a run whose result exceeded {@link #maxResultChars()}. */
    public static final String RESULT_TOO_LARGE = "com.switchboard.result.too-large";

    public OutputLimits {
        if (maxResultChars < 4 || maxErrorChars < 1 || maxLogLines < 0 || maxLogChars < 0) {
            throw new IllegalArgumentException("output limits must be positive: maxResultChars " + maxResultChars + ", maxErrorChars "
                    + maxErrorChars + ", maxLogLines " + maxLogLines + ", maxLogChars " + maxLogChars);
        }
    }

    /** The run as the core keeps and answers it; the same instance when nothing exceeds a limit. */
    public ExecutionResult bound(ExecutionResult result) {
        String resultJson = result.resultJson();
        ExecutionError error = result.error();
        Outcome outcome = result.outcome();
        if (resultJson != null && resultJson.length() > maxResultChars) {
            outcome = Outcome.ERROR;
            error = new ExecutionError(RESULT_TOO_LARGE, "The function's result has " + resultJson.length()
                    + " characters; at most " + maxResultChars + " are kept (maxResultChars of io.switchboard.core.invocations)");
            resultJson = null;
        }
        ExecutionError boundedError = error == null ? null : new ExecutionError(cut(error.errorCode(), 200), cut(error.errorMsg(), maxErrorChars));
        List<LogLine> logs = bound(result.logs());
        if (outcome == result.outcome() && resultJson == result.resultJson() && logs == result.logs()
                && (error == null || boundedError.equals(error))) {
            return result;
        }
        return new ExecutionResult(outcome, resultJson, boundedError, logs, result.duration());
    }

    private List<LogLine> bound(List<LogLine> logs) {
        long chars = 0;
        for (LogLine line : logs) {
            chars += length(line.message()) + length(line.extrasJson());
        }
        if (logs.size() <= maxLogLines && chars <= maxLogChars) {
            return logs;
        }
        List<LogLine> kept = new ArrayList<>();
        int budget = maxLogChars;
        for (LogLine line : logs) {
            if (kept.size() == maxLogLines || budget == 0) {
                break;
            }
            String message = line.message() == null ? "" : line.message();
            String trimmed = cut(message, budget);
            budget -= Math.min(budget, message.length());
            // Extras are JSON: kept whole while they fit, else left out (a cut would not be JSON).
            String extras = line.extrasJson() != null && line.extrasJson().length() <= budget ? line.extrasJson() : null;
            budget -= extras == null ? 0 : extras.length();
            kept.add(new LogLine(line.time(), line.level(), trimmed, extras));
        }
        LogLine last = logs.get(logs.size() - 1);
        kept.add(new LogLine(last.time(), LogLevel.WARN, "[log cut: the function logged " + logs.size() + " line(s), " + chars
                + " characters; a run keeps at most " + maxLogLines + " lines and " + maxLogChars + " characters]"));
        return List.copyOf(kept);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    /** At most {@code max} characters of the text, the rest replaced by a note of its length. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int keep = max;
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + "...[cut: " + (text.length() - keep) + " more characters]";
    }
}
