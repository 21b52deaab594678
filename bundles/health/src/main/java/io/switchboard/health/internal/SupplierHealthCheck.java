package io.switchboard.health.internal;

import java.util.function.Supplier;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;

/**
 * A contributed check (a {@code Supplier} of problems, see {@link CheckSnapshot}) as a Felix {@link HealthCheck}: each
 * problem is an entry, {@code CRITICAL} or, for a check of severity {@code warning}, {@code WARN}.
 */
final class SupplierHealthCheck implements HealthCheck {

    private final String name;
    private final Supplier<?> supplier;
    private final boolean critical;

    SupplierHealthCheck(String name, Supplier<?> supplier, boolean critical) {
        this.name = name;
        this.supplier = supplier;
        this.critical = critical;
    }

    @Override
    public Result execute() {
        CheckSnapshot snapshot = CheckSnapshot.of(name, supplier, critical);
        if (snapshot.healthy()) {
            return new Result(Result.Status.OK, "no problems");
        }
        ResultLog log = new ResultLog();
        snapshot.problems().forEach(p -> log.add(new ResultLog.Entry(critical ? Result.Status.CRITICAL : Result.Status.WARN, p)));
        return new Result(log);
    }
}
